using Survey.Analysis.Crosstabs;
using Survey.Analysis.Tallies;

namespace Survey.Tests.Analysis.Crosstabs;

public class CrosstabTests
{
    private static readonly CrosstabOptions NoSuppression = new(SuppressionThreshold: 0);

    /// <summary>Agresti (2007) Table 2.5 with party as rows and gender (female, male) as columns.</summary>
    private static CrosstabInput PartyByGender() => new(
        "party", false,
        [new OptionCount("dem", "Democrat", 1246), new OptionCount("ind", "Independent", 566), new OptionCount("rep", "Republican", 945)],
        "gender", [("f", "Female"), ("m", "Male")],
        new long[,] { { 762, 484 }, { 327, 239 }, { 468, 477 } },
        [1557, 1200],
        null);

    [Fact]
    public void Single_by_single_uses_pearson_and_column_percentages()
    {
        // Agresti (2007), An Introduction to Categorical Data Analysis, Table 2.5; R ?chisq.test: X-squared = 30.07, df = 2.
        var result = Crosstab.Compute(PartyByGender(), NoSuppression);

        Assert.Equal("pearson-chi-square", result.Test.Name);
        Assert.Equal(30.07, result.Test.Statistic!.Value, 2);
        Assert.Equal(2.0, result.Test.Df);
        // 762 / 1557 = 48.940 %, 484 / 1200 = 40.333 % (hand).
        Assert.Equal(100.0 * 762 / 1557, result.Rows[0].Cells[0].ColumnPercent!.Value, 10);
        Assert.Equal(100.0 * 484 / 1200, result.Rows[0].Cells[1].ColumnPercent!.Value, 10);
        Assert.Equal(2757, result.TotalBase);
        Assert.Equal(100.0 * 1246 / 2757, result.Rows[0].TotalPercent!.Value, 10);
        Assert.Equal(["A", "B"], result.Columns.Select(c => c.Letter));
    }

    [Fact]
    public void Letters_mark_the_significantly_larger_column()
    {
        // Hand z-tests (pooled SE), m = 1 pair per row:
        // Democrat: p̄ = 1246/2757 = 0.45194, SE = √(p̄(1−p̄)(1/1557 + 1/1200)) = 0.019118, z = (0.48940 − 0.40333)/SE = 4.50 -> A > B.
        // Independent: p̄ = 0.20530, SE = 0.015516, z = (0.21002 − 0.19917)/SE = 0.70, p = 0.48 -> none.
        // Republican: p̄ = 0.34276, SE = 0.018232, z = (0.30058 − 0.39750)/SE = −5.32 -> B > A.
        var result = Crosstab.Compute(PartyByGender(), NoSuppression);

        Assert.Equal(["B"], result.Rows[0].Cells[0].Letters);
        Assert.Empty(result.Rows[0].Cells[1].Letters);
        Assert.All(result.Rows[1].Cells, c => Assert.Empty(c.Letters));
        Assert.Empty(result.Rows[2].Cells[0].Letters);
        Assert.Equal(["A"], result.Rows[2].Cells[1].Letters);
    }

    [Fact]
    public void Multi_rows_give_percent_of_cases_per_column_like_questionr_cross_multi_table()
    {
        // questionr tests/testthat/test_multi.R, "Col percentages cross multi.table is ok" (na.rm = FALSE):
        // blue: Man 100, Woman 33.333, NA 100; red: 0, 100, 0; n = 2, 3, 1.
        // Respondents (blue, red, sex): (T,0,Man) (T,0,NA) (T,0,Man) (T,1,Woman) (F,1,Woman) (F,1,Woman).
        var input = new CrosstabInput(
            "colours", true, [new OptionCount("blue", "blue", 4), new OptionCount("red", "red", 3)],
            "sex", [("man", "Man"), ("woman", "Woman"), ("na", "NA")],
            new long[,] { { 2, 1, 1 }, { 0, 3, 0 } },
            [2, 3, 1],
            [
                new Dictionary<long, long> { [0b01] = 2 },
                new Dictionary<long, long> { [0b11] = 1, [0b10] = 2 },
                new Dictionary<long, long> { [0b01] = 1 },
            ]);

        var result = Crosstab.Compute(input, NoSuppression);

        Assert.Equal(100.0, result.Rows[0].Cells[0].ColumnPercent!.Value, 10);
        Assert.Equal(33.333, result.Rows[0].Cells[1].ColumnPercent!.Value, 3);
        Assert.Equal(100.0, result.Rows[0].Cells[2].ColumnPercent!.Value, 10);
        Assert.Equal([0.0, 100.0, 0.0], result.Rows[1].Cells.Select(c => c.ColumnPercent!.Value));
        Assert.Equal("rao-scott-rs2", result.Test.Name);
    }

    [Fact]
    public void Multi_rows_use_rao_scott_with_per_option_bonferroni()
    {
        // MRCV farmer1 (see MarginalIndependenceTests): rows = Y1..Y5, columns = education levels 1..5.
        // Published: rs2 X² = 28.68, df = 18.6, p = 0.0632; Y5 X² = 10.95 with Bonferroni p = 0.1357.
        var counts = new long[5, 5];
        var bases = new long[5];
        foreach (var v in Farmer1.Rows)
        {
            bases[v[0] - 1]++;
            for (int j = 0; j < 5; j++) counts[j, v[0] - 1] += v[j + 1];
        }
        var rowOptions = Enumerable.Range(0, 5)
            .Select(j => new OptionCount($"Y{j + 1}", $"Y{j + 1}", Enumerable.Range(0, 5).Sum(l => counts[j, l]))).ToList();
        var input = new CrosstabInput("sources", true, rowOptions, "Ed",
            Enumerable.Range(1, 5).Select(l => ($"{l}", $"Ed {l}")).ToList(), counts, bases, Farmer1.PatternsByLevel());

        var result = Crosstab.Compute(input, new CrosstabOptions());

        Assert.Equal("rao-scott-rs2", result.Test.Name);
        Assert.Equal(28.68, result.Test.Statistic!.Value, 2);
        Assert.Equal(18.6, result.Test.Df!.Value, 1);
        Assert.Equal(0.0632, result.Test.P!.Value, 4);
        var y5 = result.Test.PerOption!.Single(o => o.OptionId == "Y5");
        Assert.Equal(10.95, y5.Statistic, 2);
        Assert.Equal(0.1357, y5.BonferroniP, 4);
    }

    /// <summary>Columns with bases 3, 30, 10, 40: only the first is below k = 5.</summary>
    private static CrosstabInput WithOneSmallColumn() => new(
        "q", false,
        [new OptionCount("yes", "是", 46), new OptionCount("no", "否", 37)],
        "identity", [("a", "小组"), ("b", "居民"), ("c", "干部"), ("d", "商户")],
        new long[,] { { 2, 20, 4, 20 }, { 1, 10, 6, 20 } },
        [3, 30, 10, 40],
        null);

    [Fact]
    public void Small_column_is_withheld_with_its_complement()
    {
        var result = Crosstab.Compute(WithOneSmallColumn(), new CrosstabOptions(SuppressionThreshold: 5));

        // Column A (base 3) is below 5; C (base 10) is the next-smallest and is withheld as its complement.
        Assert.Equal([true, false, true, false], result.Columns.Select(c => c.Suppressed));
        foreach (var row in result.Rows)
        {
            Assert.Null(row.Cells[0].Count);
            Assert.Null(row.Cells[0].ColumnPercent);
            Assert.True(row.Cells[0].Suppressed);
            Assert.Null(row.Cells[2].Count);
            Assert.NotNull(row.Cells[1].Count);
        }
        // The test still uses every respondent: it equals Pearson on the full table.
        var full = Survey.Analysis.Statistics.PearsonChiSquare.Compute(WithOneSmallColumn().Counts);
        Assert.Equal(full.Statistic, result.Test.Statistic);
    }

    [Fact]
    public void A_withheld_cell_cannot_be_recovered_from_the_totals()
    {
        var result = Crosstab.Compute(WithOneSmallColumn(), new CrosstabOptions(SuppressionThreshold: 5));

        // An attacker knows every published number: row totals, visible cells and column bases.
        // total − visible cells = a + c (the two withheld cells). Count the splits (a, c) consistent with
        // 0 ≤ a ≤ base A and 0 ≤ c ≤ base C: more than one means the small column's count is not disclosed.
        foreach (var row in result.Rows)
        {
            long residual = row.Total - row.Cells.Where(c => !c.Suppressed).Sum(c => c.Count!.Value);
            long baseA = result.Columns[0].Base, baseC = result.Columns[2].Base;
            var splits = Enumerable.Range(0, (int)baseA + 1)
                .Select(a => (A: (long)a, C: residual - a))
                .Where(s => s.C >= 0 && s.C <= baseC)
                .ToList();
            Assert.True(splits.Count > 1, $"Row {row.OptionId}: the withheld count is determined by the totals.");
        }

        // Without the complement the same subtraction gives the exact small-group counts (2 and 1) — which is
        // why the complement is needed.
        long[] visibleWithoutComplement = [20 + 4 + 20, 10 + 6 + 20];
        Assert.Equal([2L, 1L], result.Rows.Select((r, i) => r.Total - visibleWithoutComplement[i]));
    }

    [Fact]
    public void Suppressed_columns_show_no_letters_and_others_do_not_name_them()
    {
        // Column A (base 4) has 4/4 = 100 % vs B 10/100: a real difference, but A is withheld.
        var input = new CrosstabInput("q", false, [new OptionCount("yes", "是", 44), new OptionCount("no", "否", 130)],
            "identity", [("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")],
            new long[,] { { 3, 10, 1, 30 }, { 1, 90, 9, 30 } },
            [4, 100, 10, 60], null);

        var result = Crosstab.Compute(input, new CrosstabOptions());

        Assert.All(result.Rows, r => Assert.Empty(r.Cells[0].Letters));
        Assert.All(result.Rows, r => Assert.All(r.Cells, c => Assert.DoesNotContain("A", c.Letters)));
        Assert.All(result.Rows, r => Assert.All(r.Cells, c => Assert.DoesNotContain("C", c.Letters)));
        // D (30/60 = 50 %) vs B (10/100 = 10 %) is still reported: z = 5.6 by hand (p̄ = 40/160 = 0.25,
        // SE = √(0.25·0.75·(1/60 + 1/100)) = 0.070711, z = 0.40/0.070711 = 5.66).
        Assert.Contains("B", result.Rows[0].Cells[3].Letters);
    }

    [Fact]
    public void An_empty_column_needs_no_complement()
    {
        var bases = new long[] { 0, 30, 10, 40 };

        Assert.Equal([true, false, false, false], SmallCellSuppression.SuppressedColumns(bases, 5));
        Assert.Equal([true, false, false, true], SmallCellSuppression.SuppressedColumns([3, 30, 10, 2], 5));
    }

    [Fact]
    public void Several_tiny_columns_are_complemented_until_the_withheld_group_reaches_the_threshold()
    {
        // Columns of 1 and 2 respondents: withholding just those two would still reveal 3 people's combined answers
        // (total − the shown columns), so the next smallest column (10) is withheld with them; 30 stays.
        Assert.Equal([true, true, false, true], SmallCellSuppression.SuppressedColumns([1, 2, 30, 10], 5));
        // Nothing small: nothing withheld.
        Assert.Equal([false, false], SmallCellSuppression.SuppressedColumns([5, 6], 5));
    }

    [Fact]
    public void Multi_rows_without_patterns_report_why_there_is_no_test()
    {
        // Pearson's test would be wrong here (one respondent can count in several rows), so none is given.
        var input = new CrosstabInput("colours", true, [new OptionCount("blue", "blue", 4), new OptionCount("red", "red", 3)],
            "sex", [("man", "Man"), ("woman", "Woman")], new long[,] { { 2, 1 }, { 0, 3 } }, [2, 3], null);

        var result = Crosstab.Compute(input, NoSuppression);

        Assert.Equal("rao-scott-rs2", result.Test.Name);
        Assert.Null(result.Test.Statistic);
        Assert.Null(result.Test.P);
        Assert.NotEmpty(result.Test.Warnings);
    }
}
