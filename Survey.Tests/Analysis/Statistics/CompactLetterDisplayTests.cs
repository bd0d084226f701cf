using Survey.Analysis.Statistics;

namespace Survey.Tests.Analysis.Statistics;

public class CompactLetterDisplayTests
{
    private static IReadOnlyList<string> Letters(int groups, params (int I, int J)[] different) =>
        CompactLetterDisplay.Compute(groups, (i, j) => different.Contains((i, j)));

    [Fact]
    public void Only_the_ends_differing_gives_the_middle_both_letters()
    {
        // By hand (insert-absorb): {0,1,2} split on (0,2) into {1,2} and {0,1}; ordered by first group: a = {0,1}, b = {1,2}.
        Assert.Equal(["a", "ab", "b"], Letters(3, (0, 2)));
    }

    [Fact]
    public void No_difference_shares_one_letter_and_all_different_gives_one_letter_each()
    {
        Assert.Equal(["a", "a", "a"], Letters(3));
        Assert.Equal(["a", "b", "c"], Letters(3, (0, 1), (0, 2), (1, 2)));
        Assert.Empty(Letters(0));
    }

    [Fact]
    public void Four_groups_with_overlapping_sets()
    {
        // By hand: {0123} –(0,2)→ {123},{013} –(0,3)→ {123},{13},{01}, {13} absorbed –(1,3)→ {23},{12},{01};
        // letters a = {01}, b = {12}, c = {23}; the textbook staircase of Piepho (2004), Fig. 1.
        Assert.Equal(["a", "ab", "bc", "c"], Letters(4, (0, 2), (0, 3), (1, 3)));
    }
}
