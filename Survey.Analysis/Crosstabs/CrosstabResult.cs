namespace Survey.Analysis.Crosstabs;

/// <summary>A computed cross-tab. <see cref="TotalBase"/> is the base of the total column.</summary>
public sealed record CrosstabResult(
    string RowQuestionId,
    bool RowIsMulti,
    string ColumnQuestionId,
    IReadOnlyList<CrosstabColumn> Columns,
    IReadOnlyList<CrosstabRow> Rows,
    long TotalBase,
    CrosstabTest Test);
