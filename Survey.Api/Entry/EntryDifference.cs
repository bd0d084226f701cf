namespace Survey.Api.Entry;

/// <summary>
/// One place where the two copies of a double-entry batch disagree: form <see cref="Form"/>, question
/// <see cref="QuestionId"/> (null when the whole form is missing from one copy), and each copy's answer in words.
/// </summary>
public sealed record EntryDifference(int Form, string? QuestionId, int QuestionNumber, string QuestionText, string A, string B);
