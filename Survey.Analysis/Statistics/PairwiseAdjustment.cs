namespace Survey.Analysis.Statistics;

/// <summary>Multiple-comparison adjustment of a family of p-values.</summary>
public enum PairwiseAdjustment
{
    Bonferroni,
    Holm,
}
