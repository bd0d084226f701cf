namespace Survey.Analysis.Crosstabs;

/// <summary>
/// One column (segment). <see cref="Suppressed"/> columns have all cells withheld. <see cref="NotAsked"/>: the row
/// question was never shown to this group (a conditional question), so its cells are not applicable rather than
/// withheld; the caller knows the questionnaire's conditions and marks it (see <see cref="Crosstab.MarkNotAsked"/>).
/// </summary>
public sealed record CrosstabColumn(string OptionId, string Label, string Letter, long Base, bool Suppressed, bool NotAsked = false);
