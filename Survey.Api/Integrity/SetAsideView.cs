namespace Survey.Api.Integrity;

/// <summary>One set-aside: the group it came from, how many responses, why, who and when, and who restored it and when (null while set aside).</summary>
public sealed record SetAsideView(long Id, string Rule, string Label, string Key, int Responses, string? Reason, string By, DateTime At, string? RestoredBy, DateTime? RestoredAt);
