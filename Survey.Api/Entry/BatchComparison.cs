namespace Survey.Api.Entry;

/// <summary>The state of a double-entry batch: how many forms each copy holds, and every difference between them.</summary>
public sealed record BatchComparison(Model.EntryBatch Batch, int FormsA, int FormsB, IReadOnlyList<EntryDifference> Differences)
{
    /// <summary>Both copies hold the same forms, answered the same way, and the batch is not yet accepted.</summary>
    public bool CanAccept => Batch.AcceptedAt is null && FormsA > 0 && FormsA == FormsB && Differences.Count == 0;
}
