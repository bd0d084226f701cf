namespace Survey.Analysis.Statistics;

/// <summary>Pearson chi-square test of independence (no continuity correction), as R's <c>chisq.test(correct = FALSE)</c>.</summary>
public static class PearsonChiSquare
{
    /// <summary>Expected counts below this make the chi-square approximation doubtful (Cochran's rule, used by R's warning).</summary>
    public const double SmallExpectedCount = 5;

    public static ChiSquareTestResult Compute(long[,] counts)
    {
        int rowCount = counts.GetLength(0), columnCount = counts.GetLength(1);
        var rowTotals = new long[rowCount];
        var columnTotals = new long[columnCount];
        long total = 0;
        for (int r = 0; r < rowCount; r++)
            for (int c = 0; c < columnCount; c++)
            {
                if (counts[r, c] < 0) throw new ArgumentException("Counts must not be negative.", nameof(counts));
                rowTotals[r] += counts[r, c];
                columnTotals[c] += counts[r, c];
                total += counts[r, c];
            }

        // All-zero rows/columns carry no information and would otherwise inflate df.
        int usedRows = rowTotals.Count(t => t > 0), usedColumns = columnTotals.Count(t => t > 0);
        var expected = new double[rowCount, columnCount];
        if (usedRows < 2 || usedColumns < 2)
            return new ChiSquareTestResult(null, 0, null, expected, 0,
                ["The test needs at least two non-empty rows and two non-empty columns."]);

        double statistic = 0;
        int smallCells = 0;
        double smallestExpected = double.MaxValue;
        for (int r = 0; r < rowCount; r++)
            for (int c = 0; c < columnCount; c++)
            {
                double e = (double)rowTotals[r] * columnTotals[c] / total;
                expected[r, c] = e;
                if (rowTotals[r] == 0 || columnTotals[c] == 0) continue;
                statistic += (counts[r, c] - e) * (counts[r, c] - e) / e;
                smallestExpected = Math.Min(smallestExpected, e);
                if (e < SmallExpectedCount) smallCells++;
            }

        int df = (usedRows - 1) * (usedColumns - 1);
        var warnings = new List<string>();
        if (smallCells > 0)
            warnings.Add($"Chi-squared approximation may be incorrect: {smallCells} of {usedRows * usedColumns} cells " +
                         $"have an expected count below {SmallExpectedCount} (smallest {smallestExpected:0.##}).");
        return new ChiSquareTestResult(statistic, df, ChiSquareDistribution.UpperTail(statistic, df), expected, smallCells, warnings);
    }

    /// <summary>Σ(O − E)²/E of a table without empty rows or columns (cells may be fractional, e.g. MRCV's +0.5).</summary>
    internal static double Statistic(double[,] table)
    {
        int rowCount = table.GetLength(0), columnCount = table.GetLength(1);
        var rowTotals = new double[rowCount];
        var columnTotals = new double[columnCount];
        double total = 0;
        for (int r = 0; r < rowCount; r++)
            for (int c = 0; c < columnCount; c++)
            {
                rowTotals[r] += table[r, c];
                columnTotals[c] += table[r, c];
                total += table[r, c];
            }

        double statistic = 0;
        for (int r = 0; r < rowCount; r++)
            for (int c = 0; c < columnCount; c++)
            {
                double expected = rowTotals[r] * columnTotals[c] / total;
                statistic += (table[r, c] - expected) * (table[r, c] - expected) / expected;
            }
        return statistic;
    }
}
