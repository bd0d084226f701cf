using Survey.Analysis.Tallies;

namespace Survey.Tests.Analysis.Tallies;

public class ChoiceTalliesTests
{
    // questionr's own fixture (juba/questionr, tests/testthat/test_multi.R, "Non weighted multi.table is ok"):
    //   df <- data.frame(sex = c("Man", NA, "Man", "Woman", "Woman", "Woman"),
    //                    blue = c(TRUE, TRUE, TRUE, TRUE, FALSE, FALSE), red = c(0,0,0,1,1,1), ...)
    //   multi.table(df[,c("blue","red")])  ->  blue n = 4, %multi = 66.7; red n = 3, %multi = 50
    // Every one of the 6 respondents selected at least one colour, so all 6 answered; mentions = 4 + 3 = 7.
    private static ChoiceQuestionCounts QuestionrColours(long shown = 6, long all = 6) => new(
        "colours", "Colours", IsMulti: true,
        [new OptionCount("blue", "blue", 4), new OptionCount("red", "red", 3)],
        AllRespondents: all, Shown: shown, Answered: 6);

    [Fact]
    public void Percent_of_cases_matches_questionr_multi_table()
    {
        var tally = ChoiceTallies.Compute(QuestionrColours(), TallyBase.Answered);

        Assert.Equal(6, tally.Base);
        Assert.Equal(66.7, Math.Round(tally.Options[0].PercentOfCases!.Value, 1));
        Assert.Equal(50.0, tally.Options[1].PercentOfCases!.Value, 10);
        Assert.Equal(4, tally.Options[0].Count);
        Assert.Equal(3, tally.Options[1].Count);
    }

    [Fact]
    public void Percent_of_responses_divides_by_mentions_and_sums_to_100()
    {
        var tally = ChoiceTallies.Compute(QuestionrColours(), TallyBase.Answered);

        // Hand computation: 4/7 = 57.142857…%, 3/7 = 42.857142…%; mean selections = 7/6.
        Assert.Equal(400.0 / 7, tally.Options[0].PercentOfResponses!.Value, 10);
        Assert.Equal(300.0 / 7, tally.Options[1].PercentOfResponses!.Value, 10);
        Assert.Equal(100.0, tally.Options.Sum(o => o.PercentOfResponses!.Value), 10);
        Assert.Equal(7.0 / 6, tally.MeanSelections!.Value, 10);
        Assert.Equal(7, tally.Mentions);
    }

    [Fact]
    public void Base_follows_the_requested_basis_and_says_which()
    {
        var counts = QuestionrColours(shown: 8, all: 10);

        var shown = ChoiceTallies.Compute(counts, TallyBase.Shown);
        var all = ChoiceTallies.Compute(counts, TallyBase.All);

        Assert.Equal(TallyBase.Shown, shown.Basis);
        Assert.Equal(8, shown.Base);
        Assert.Equal(2, shown.NoAnswer); // shown 8 − answered 6
        Assert.Equal(50.0, shown.Options[0].PercentOfCases!.Value, 10); // 4 / 8
        Assert.Equal(TallyBase.All, all.Basis);
        Assert.Equal(10, all.Base);
        Assert.Equal(30.0, all.Options[1].PercentOfCases!.Value, 10); // 3 / 10
        // Percent of responses does not depend on the base.
        Assert.Equal(400.0 / 7, all.Options[0].PercentOfResponses!.Value, 10);
    }

    [Fact]
    public void Confidence_interval_is_the_wilson_interval_in_percent()
    {
        // Wilson (1927) by hand for 4 of 6, z = 1.959964: centre = (4/6 + z²/12)/(1 + z²/6) = 0.601611,
        // half-width = z/(1 + z²/6)·√((4/6)(2/6)/6 + z²/144) = 0.301618  ->  0.299993 … 0.903229.
        var tally = ChoiceTallies.Compute(QuestionrColours(), TallyBase.Answered);

        Assert.Equal(29.9993, tally.Options[0].CiLow!.Value, 3);
        Assert.Equal(90.3229, tally.Options[0].CiHigh!.Value, 3);
    }

    [Fact]
    public void Zero_denominators_give_null_not_zero_or_nan()
    {
        var counts = new ChoiceQuestionCounts("q", "Q", false, [new OptionCount("a", "A", 0), new OptionCount("b", "B", 0)],
            AllRespondents: 5, Shown: 0, Answered: 0);

        var tally = ChoiceTallies.Compute(counts, TallyBase.Answered);

        Assert.Null(tally.MeanSelections);
        Assert.All(tally.Options, o =>
        {
            Assert.Null(o.PercentOfCases);
            Assert.Null(o.PercentOfResponses);
            Assert.Null(o.CiLow);
            Assert.Null(o.CiHigh);
        });
        // With all respondents as the base the denominator is 5, so 0 % with a real interval.
        var all = ChoiceTallies.Compute(counts, TallyBase.All);
        Assert.Equal(0.0, all.Options[0].PercentOfCases);
        Assert.Equal(0.0, all.Options[0].CiLow);
    }
}
