namespace Survey.Analysis.Crosstabs;

/// <summary>One option of the row question: its cells per column and its total (the total column).</summary>
public sealed record CrosstabRow(
    string OptionId,
    string Label,
    IReadOnlyList<CrosstabCell> Cells,
    long Total,
    double? TotalPercent);
