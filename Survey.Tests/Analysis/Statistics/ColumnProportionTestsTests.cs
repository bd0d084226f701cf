using Survey.Analysis.Statistics;

namespace Survey.Tests.Analysis.Statistics;

public class ColumnProportionTestsTests
{
    [Fact]
    public void Higher_column_gets_the_letter_of_the_lower_one_after_bonferroni()
    {
        // Columns A = 30/50 (0.60), B = 15/50 (0.30), C = 21/40 (0.525); m = 3 pairs.
        // A vs B by hand: pooled p̄ = 45/100 = 0.45, SE = √(0.45·0.55·(1/50 + 1/50)) = √0.0099 = 0.099499,
        //   z = 0.30/0.099499 = 3.0151, two-sided p = 0.002569, × 3 = 0.0077 < 0.05 -> A gets "B".
        // C vs B: p̄ = 36/90 = 0.4, SE = √(0.4·0.6·(1/40 + 1/50)) = √0.0108 = 0.103923,
        //   z = 0.225/0.103923 = 2.1651, p = 0.03038 — significant alone, but × 3 = 0.0911 ≥ 0.05 -> no letter.
        // A vs C: p̄ = 51/90 = 0.5667, SE = 0.105119, z = 0.075/0.105119 = 0.7135, p = 0.4756 -> none.
        var letters = ColumnProportionTests.Compute([30, 15, 21], [50, 50, 40]);

        Assert.Equal(["B"], letters[0]);
        Assert.Empty(letters[1]);
        Assert.Empty(letters[2]);
    }

    [Fact]
    public void Without_the_third_column_the_unadjusted_pair_becomes_significant()
    {
        // Only B and C: m = 1, p = 0.03038 < 0.05 -> C (now the second column, "B") beats B (now "A").
        var letters = ColumnProportionTests.Compute([15, 21], [50, 40]);

        Assert.Empty(letters[0]);
        Assert.Equal(["A"], letters[1]);
    }

    [Fact]
    public void Columns_with_proportion_zero_or_one_or_no_base_are_not_compared()
    {
        var letters = ColumnProportionTests.Compute([0, 40, 10, 0], [50, 40, 50, 0]);

        Assert.All(letters, Assert.Empty);
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(27, "AB")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Letters_run_like_spreadsheet_columns(int index, string letter)
    {
        Assert.Equal(letter, ColumnProportionTests.Letter(index));
    }
}
