using Survey.Analysis.Satisfaction;

namespace Survey.Api.Results;

/// <summary>A scored item and its index (mean score 0–100, t interval, satisfied rate, scored answers and 不了解).</summary>
public sealed record ItemIndex(Question Question, SatisfactionIndex Index);
