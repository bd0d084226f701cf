namespace Survey.Api.Model;

/// <summary>
/// A stack of paper forms entered twice (double entry), by two people, as copy A and copy B. Its forms wait in
/// <see cref="EntryForm"/> rows, never in responses, until the differences are resolved and an organiser accepts the
/// batch: then, in one transaction, the agreed forms become responses (mode paper) and <see cref="AcceptedAt"/> is set.
/// </summary>
public sealed class EntryBatch
{
    public Guid Id { get; set; }
    public required string QuestionnaireId { get; set; }
    /// <summary>The organiser's name for the stack, e.g. 东街社区 第3箱.</summary>
    public required string Label { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Set once, when the batch's forms were written as responses; an accepted batch takes no more changes.</summary>
    public DateTime? AcceptedAt { get; set; }
    /// <summary>How many responses acceptance wrote.</summary>
    public int AcceptedCount { get; set; }
}
