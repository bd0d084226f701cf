namespace Survey.Api.Results;

/// <summary>
/// One answer row turned into numbers by a CASE expression built from the questionnaire (<see cref="AnswerTerms"/>):
/// an option's bit in a selection pattern, or a scored option's weighted score and weight. Summed per response in SQL.
/// </summary>
public sealed class AnswerTerm
{
    public Guid ResponseId { get; init; }
    public long Bit { get; init; }
    public double WeightedScore { get; init; }
    public double Weight { get; init; }
}
