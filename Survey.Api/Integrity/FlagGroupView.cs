namespace Survey.Api.Integrity;

/// <summary>
/// One flagged group: rule and its Chinese label, the group's key (what <c>POST …/set-asides</c> takes), how many
/// responses, the first and last submission minute (UTC), how many of them are set aside now, and a sentence saying why.
/// </summary>
public sealed record FlagGroupView(string Rule, string Label, string Key, int Responses, DateTime First, DateTime Last, int SetAside, string Description);
