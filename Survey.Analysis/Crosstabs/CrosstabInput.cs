using Survey.Analysis.Tallies;

namespace Survey.Analysis.Crosstabs;

/// <summary>
/// Aggregated input of a cross-tab of a row question by a single-choice column question.
/// <paramref name="RowOptions"/>' Count is the row total. <paramref name="Counts"/> is [row, column].
/// <paramref name="ColumnBases"/> are the respondents in each column who answered the row question.
/// <paramref name="PatternsByColumn"/> (multi rows only): per column, selection bit mask → respondents.
/// <paramref name="TotalBase"/>: base of the total column; the sum of column bases when null.
/// </summary>
public sealed record CrosstabInput(
    string RowQuestionId,
    bool RowIsMulti,
    IReadOnlyList<OptionCount> RowOptions,
    string ColumnQuestionId,
    IReadOnlyList<(string OptionId, string Label)> Columns,
    long[,] Counts,
    long[] ColumnBases,
    IReadOnlyList<IReadOnlyDictionary<long, long>>? PatternsByColumn,
    long? TotalBase = null);
