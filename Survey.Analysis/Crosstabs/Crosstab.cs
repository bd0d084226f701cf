using Survey.Analysis.Statistics;
using Survey.Analysis.Wording;

namespace Survey.Analysis.Crosstabs;

/// <summary>Counts, column percentages, significance letters, suppression and the independence test.</summary>
public static class Crosstab
{
    /// <summary>
    /// Column percent = count / column base (percent of cases). Columns whose base is below
    /// <see cref="CrosstabOptions.SuppressionThreshold"/> are withheld (see <see cref="SmallCellSuppression"/>).
    /// The test and the letters are computed on all data; a suppressed column shows no letters and its letter
    /// is removed from the other cells too, since "greater than C" would reveal something about C.
    /// </summary>
    public static CrosstabResult Compute(CrosstabInput input, CrosstabOptions options)
    {
        int rowCount = input.RowOptions.Count, columnCount = input.Columns.Count;
        if (input.Counts.GetLength(0) != rowCount || input.Counts.GetLength(1) != columnCount)
            throw new ArgumentException($"Counts must be {rowCount}×{columnCount} (row options × columns).", nameof(input));
        if (input.ColumnBases.Length != columnCount)
            throw new ArgumentException("One base per column is required.", nameof(input));

        bool[] suppressed = SmallCellSuppression.SuppressedColumns(input.ColumnBases, options.SuppressionThreshold);
        var columns = input.Columns.Select((c, j) =>
            new CrosstabColumn(c.OptionId, c.Label, ColumnProportionTests.Letter(j), input.ColumnBases[j], suppressed[j])).ToList();
        var hiddenLetters = columns.Where(c => c.Suppressed).Select(c => c.Letter).ToHashSet();
        long totalBase = input.TotalBase ?? input.ColumnBases.Sum();

        var rows = new List<CrosstabRow>(rowCount);
        for (int i = 0; i < rowCount; i++)
        {
            long[] rowCounts = Enumerable.Range(0, columnCount).Select(j => input.Counts[i, j]).ToArray();
            var letters = ColumnProportionTests.Compute(rowCounts, input.ColumnBases, options.Alpha);
            var cells = Enumerable.Range(0, columnCount).Select(j => suppressed[j]
                ? new CrosstabCell(null, null, true, [])
                : new CrosstabCell(rowCounts[j], Percent(rowCounts[j], input.ColumnBases[j]), false,
                    letters[j].Where(l => !hiddenLetters.Contains(l)).ToList())).ToList();
            var option = input.RowOptions[i];
            rows.Add(new CrosstabRow(option.OptionId, option.Label, cells, option.Count, Percent(option.Count, totalBase)));
        }

        return new CrosstabResult(input.RowQuestionId, input.RowIsMulti, input.ColumnQuestionId, columns, rows, totalBase,
            input.RowIsMulti ? RaoScottTest(input) : PearsonTest(input), options.SuppressionThreshold);
    }

    /// <summary>
    /// Marks the columns whose respondents were never shown the row question as not asked (the caller knows the
    /// questionnaire's conditions). Their counts are all zero, so the statistics are unchanged; views write
    /// <see cref="Labels.NotAsked"/> instead of a withheld mark.
    /// </summary>
    public static CrosstabResult MarkNotAsked(CrosstabResult result, Func<string, bool> notAsked) => result with
    {
        Columns = result.Columns.Select(c => notAsked(c.OptionId) ? c with { NotAsked = true } : c).ToList(),
    };

    private static double? Percent(long part, long whole) => whole > 0 ? 100.0 * part / whole : null;

    private static CrosstabTest PearsonTest(CrosstabInput input)
    {
        var result = PearsonChiSquare.Compute(input.Counts);
        return new CrosstabTest(CrosstabTest.PearsonChiSquareName, result.Statistic, result.P is null ? null : result.Df,
            result.P, result.Warnings, null);
    }

    /// <summary>Multi rows: a respondent can be in several rows, so Pearson's test is invalid; use Rao-Scott rs2.</summary>
    private static CrosstabTest RaoScottTest(CrosstabInput input)
    {
        if (input.PatternsByColumn is null || input.PatternsByColumn.Count != input.Columns.Count)
            return new CrosstabTest(CrosstabTest.RaoScottSecondOrderName, null, null, null,
                [Labels.PatternsNeeded], null);

        var result = MarginalIndependence.Compute(input.RowOptions.Count, input.PatternsByColumn);
        var perOption = result.Items
            .Where(item => item.Statistic.HasValue)
            .Select(item => new CrosstabOptionTest(input.RowOptions[item.Item].OptionId, input.RowOptions[item.Item].Label,
                item.Statistic!.Value, item.Df, item.P!.Value, item.BonferroniP!.Value))
            .ToList();
        return new CrosstabTest(CrosstabTest.RaoScottSecondOrderName, result.SecondOrder?.Statistic, result.SecondOrder?.Df,
            result.SecondOrder?.P, result.Warnings, perOption);
    }
}
