namespace Survey.Core.Responses;

/// <summary>
/// One reason a submission was refused: the question (or body field) it concerns, the rule broken
/// (a stable machine name such as "maxSelections") and a message in Chinese for the resident.
/// </summary>
public sealed record SubmissionError(string Key, string Rule, string Message);
