namespace Survey.Api.Apis.Contracts;

/// <summary>A text residents wrote (for "other" or a text question) and how many wrote exactly it.</summary>
public sealed record OtherTextCount(string? OptionId, string Text, long Count);
