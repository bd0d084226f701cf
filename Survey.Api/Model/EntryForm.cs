namespace Survey.Api.Model;

/// <summary>
/// One paper form of an <see cref="EntryBatch"/> as typed by one of its two copies (1 = A, 2 = B), numbered 1, 2, 3… in
/// the order of the stack. The answers are the validated submission in its canonical JSON form
/// (<see cref="Survey.Api.Entry.EntryAnswers"/>); typing a number again replaces that form of that copy.
/// </summary>
public sealed class EntryForm
{
    public Guid BatchId { get; set; }
    public int Copy { get; set; }
    public int Number { get; set; }
    public required string Answers { get; set; }
    /// <summary>The day written on the paper form, if the clerk typed one (sets the response's submission time).</summary>
    public DateOnly? FilledOn { get; set; }
    public DateTime EnteredAt { get; set; }
}
