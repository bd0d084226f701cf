namespace Survey.Api.Model;

/// <summary>
/// A group of responses an organiser set aside (excluded from every result, chart, export, trend and league), with
/// who, when and why; restoring stamps <see cref="RestoredAt"/> and counts them again. The responses stay stored.
/// </summary>
public sealed class SetAside
{
    public long Id { get; set; }
    public required string QuestionnaireId { get; set; }

    /// <summary>The flag rule that found the group (<c>burst</c>, <c>identical</c>, <c>straight-line</c>).</summary>
    public required string Rule { get; set; }

    /// <summary>The group as the flags name it (e.g. the burst minute), to show and to find it again.</summary>
    public required string GroupKey { get; set; }

    public string? Reason { get; set; }
    public required string SetAsideBy { get; set; }
    public DateTime SetAsideAt { get; set; }
    public string? RestoredBy { get; set; }
    public DateTime? RestoredAt { get; set; }

    public List<SetAsideResponse> Responses { get; set; } = [];
}
