namespace Survey.Api.Model;

/// <summary>One response of a <see cref="SetAside"/> group, by its sequence number within the questionnaire.</summary>
public sealed class SetAsideResponse
{
    public long SetAsideId { get; set; }
    public long Seq { get; set; }
}
