using Survey.Analysis.Wording;

namespace Survey.Analysis.Statistics;

/// <summary>Pearson chi-square test of independence (no continuity correction), as R's <c>chisq.test(correct = FALSE)</c>.</summary>
public static class PearsonChiSquare
{
    /// <summary>Expected counts below this make the chi-square approximation doubtful (Cochran's rule, used by R's warning).</summary>
    public const double SmallExpectedCount = 5;

    /// <summary>
    /// X² = Σ(O − E)²/E with E = row total · column total / n, df = (r − 1)(c − 1) over the rows and columns that
    /// are not all zero (they carry no information and would otherwise inflate df).
    /// </summary>
    public static ChiSquareTestResult Compute(long[,] counts)
    {
        int rowCount = counts.GetLength(0), columnCount = counts.GetLength(1);
        var table = new double[rowCount, columnCount];
        for (int r = 0; r < rowCount; r++)
            for (int c = 0; c < columnCount; c++)
            {
                if (counts[r, c] < 0) throw new ArgumentException("Counts must not be negative.", nameof(counts));
                table[r, c] = counts[r, c];
            }

        var (rowTotals, columnTotals, total) = Margins(table);
        int usedRows = rowTotals.Count(t => t > 0), usedColumns = columnTotals.Count(t => t > 0);
        var expected = new double[rowCount, columnCount];
        if (usedRows < 2 || usedColumns < 2)
            return new ChiSquareTestResult(null, 0, null, expected, 0,
                [Labels.NeedsTwoRowsAndColumns]);

        double statistic = 0;
        int smallCells = 0;
        for (int r = 0; r < rowCount; r++)
            for (int c = 0; c < columnCount; c++)
            {
                double e = rowTotals[r] * columnTotals[c] / total;
                expected[r, c] = e;
                if (e == 0) continue; // an all-zero row or column
                statistic += (table[r, c] - e) * (table[r, c] - e) / e;
                if (e < SmallExpectedCount) smallCells++;
            }

        int df = (usedRows - 1) * (usedColumns - 1);
        var warnings = new List<string>();
        if (smallCells > 0)
            warnings.Add(Labels.SmallExpectedCounts(smallCells, usedRows * usedColumns, SmallExpectedCount));
        return new ChiSquareTestResult(statistic, df, ChiSquareDistribution.UpperTail(statistic, df), expected, smallCells, warnings);
    }

    /// <summary>Σ(O − E)²/E of a table without empty rows or columns (cells may be fractional, e.g. MRCV's +0.5).</summary>
    internal static double Statistic(double[,] table)
    {
        var (rowTotals, columnTotals, total) = Margins(table);
        double statistic = 0;
        for (int r = 0; r < table.GetLength(0); r++)
            for (int c = 0; c < table.GetLength(1); c++)
            {
                double expected = rowTotals[r] * columnTotals[c] / total;
                statistic += (table[r, c] - expected) * (table[r, c] - expected) / expected;
            }
        return statistic;
    }

    private static (double[] RowTotals, double[] ColumnTotals, double Total) Margins(double[,] table)
    {
        var rowTotals = new double[table.GetLength(0)];
        var columnTotals = new double[table.GetLength(1)];
        double total = 0;
        for (int r = 0; r < rowTotals.Length; r++)
            for (int c = 0; c < columnTotals.Length; c++)
            {
                rowTotals[r] += table[r, c];
                columnTotals[c] += table[r, c];
                total += table[r, c];
            }
        return (rowTotals, columnTotals, total);
    }
}
