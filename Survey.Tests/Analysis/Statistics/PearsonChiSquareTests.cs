using Survey.Analysis.Statistics;

namespace Survey.Tests.Analysis.Statistics;

public class PearsonChiSquareTests
{
    [Fact]
    public void Matches_agresti_party_identification_example()
    {
        // Agresti (2007), An Introduction to Categorical Data Analysis, 2nd ed., Table 2.5 (gender × party
        // identification), reproduced in R's ?chisq.test example:
        //   M <- as.table(rbind(c(762, 327, 468), c(484, 239, 477))); chisq.test(M)
        //   X-squared = 30.07, df = 2, p-value = 2.954e-07
        // Expected counts printed by Agresti: 703.7 319.6 533.7 / 542.3 246.4 411.3.
        var result = PearsonChiSquare.Compute(new long[,] { { 762, 327, 468 }, { 484, 239, 477 } });

        Assert.Equal(30.07, result.Statistic!.Value, 2);
        Assert.Equal(2, result.Df);
        Assert.Equal(2.954e-07, result.P!.Value, 10);
        Assert.Equal(703.7, result.Expected[0, 0], 1);
        Assert.Equal(411.3, result.Expected[1, 2], 1);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Drops_empty_rows_and_columns_before_counting_df()
    {
        // Adding an all-zero row and column to the Agresti table changes nothing: same X² and df = 2.
        var result = PearsonChiSquare.Compute(new long[,] { { 762, 0, 327, 468 }, { 0, 0, 0, 0 }, { 484, 0, 239, 477 } });

        Assert.Equal(30.07, result.Statistic!.Value, 2);
        Assert.Equal(2, result.Df);
    }

    [Fact]
    public void Warns_about_small_expected_counts_like_R()
    {
        // Hand computation: rows 3+1=4 and 1+3=4, columns 4 and 4, n = 8 -> every expected count is 2 (< 5),
        // X² = 4 · (1²/2) = 2, df = 1, p = P(χ²₁ ≥ 2) = 0.1572992.
        var result = PearsonChiSquare.Compute(new long[,] { { 3, 1 }, { 1, 3 } });

        Assert.Equal(2.0, result.Statistic!.Value, 10);
        Assert.Equal(0.1572992, result.P!.Value, 6);
        Assert.Equal(4, result.SmallExpectedCells);
        var warning = Assert.Single(result.Warnings);
        // The organiser's wording (issue 13): every expected count is 2 here, so all 4 cells are small.
        Assert.Equal("期望频数小于5的格子有4个(共4个)，检验结果仅供参考", warning);
    }

    [Fact]
    public void A_single_nonempty_column_cannot_be_tested()
    {
        var result = PearsonChiSquare.Compute(new long[,] { { 5, 0 }, { 7, 0 } });

        Assert.Null(result.Statistic);
        Assert.Null(result.P);
        Assert.NotEmpty(result.Warnings);
    }
}
