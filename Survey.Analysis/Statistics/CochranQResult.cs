namespace Survey.Analysis.Statistics;

/// <summary>Cochran's Q across the items of one multi-choice question, with pairwise McNemar follow-ups.</summary>
public sealed record CochranQResult(
    double? Q,
    int Df,
    double? P,
    long Respondents,
    PairwiseAdjustment Adjustment,
    IReadOnlyList<McNemarComparison> Pairs);
