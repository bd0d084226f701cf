namespace Survey.Api.Apis.Contracts;

/// <summary>
/// A question broken down by the options of <see cref="ByQuestionId"/>: one column per option with its base
/// (respondents in the column who answered the question) and its cells. Suppressed columns carry no counts.
/// <see cref="Totals"/>: the question's counts over all columns.
/// </summary>
public sealed record CrosstabView(string ByQuestionId, long TotalBase, IReadOnlyList<CrosstabColumnView> Columns, IReadOnlyList<CrosstabCellView> Totals);

/// <summary><see cref="Letter"/> names the column in other cells' <see cref="CrosstabCellView.Letters"/>.</summary>
public sealed record CrosstabColumnView(string OptionId, string Label, string Letter, long? Base, bool Suppressed, IReadOnlyList<CrosstabCellView> Cells);

/// <summary>
/// Count and percent of the column base; <see cref="Letters"/>: the columns whose proportion this one is
/// significantly greater than (two-proportion z-tests, Bonferroni-adjusted within the row, as SPSS CTABLES reports).
/// </summary>
public sealed record CrosstabCellView(string OptionId, long? Count, double? Percent, bool Suppressed, IReadOnlyList<string> Letters);
