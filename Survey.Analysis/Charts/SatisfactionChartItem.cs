using Survey.Analysis.Satisfaction;

namespace Survey.Analysis.Charts;

/// <summary>One bar of a satisfaction chart: its label (item text or segment name) and index.</summary>
public sealed record SatisfactionChartItem(string Label, SatisfactionIndex Index);
