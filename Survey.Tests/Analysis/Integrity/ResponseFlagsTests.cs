using Survey.Analysis.Integrity;

namespace Survey.Tests.Analysis.Integrity;

/// <summary>The flag rules on hand-made rows; expected groups worked out by hand from the rules' definitions.</summary>
public sealed class ResponseFlagsTests
{
    /// <summary>Rows: (minute, count) → seqs numbered 1, 2, 3… in that order.</summary>
    private static (List<long> Seqs, List<int> Minutes) Rows(params (int Minute, int Count)[] perMinute)
    {
        var seqs = new List<long>();
        var minutes = new List<int>();
        foreach (var (minute, count) in perMinute)
            for (var i = 0; i < count; i++)
            {
                seqs.Add(seqs.Count + 1);
                minutes.Add(minute);
            }
        return (seqs, minutes);
    }

    [Fact]
    public void A_minute_above_ten_and_five_times_the_median_of_the_previous_sixty_active_minutes_is_a_burst()
    {
        // 60 minutes of 2 (median 2: threshold max(10, 5×2) = 10), then 11 (a burst), then 10 (median still 2: not above 10).
        var (seqs, minutes) = Rows([.. Enumerable.Range(0, 60).Select(m => (m, 2)), (60, 11), (61, 10)]);
        var burst = Assert.Single(ResponseFlags.Bursts(seqs, minutes));
        Assert.Equal(("burst:60", 60, 60), (burst.Key, burst.FirstMinute, burst.LastMinute));
        Assert.Equal(Enumerable.Range(121, 11).Select(s => (long)s), burst.Seqs);

        // A busier baseline of 4 a minute: threshold 5 × 4 = 20, so 20 is not a burst and 21 is.
        (seqs, minutes) = Rows([.. Enumerable.Range(0, 60).Select(m => (m, 4)), (60, 20), (61, 21)]);
        Assert.Equal(["burst:61"], ResponseFlags.Bursts(seqs, minutes).Select(g => g.Key));
    }

    [Fact]
    public void The_baseline_counts_active_minutes_only_and_without_history_the_floor_applies()
    {
        // Ten minutes of 3, then after a long quiet gap 12 at once: the baseline is 3 (not the idle minutes), threshold 15.
        var (seqs, minutes) = Rows([.. Enumerable.Range(0, 10).Select(m => (m, 3)), (1000, 12)]);
        Assert.Empty(ResponseFlags.Bursts(seqs, minutes));
        // The very first minute with 11: no history, baseline 0, the floor of 10 applies.
        (seqs, minutes) = Rows((5, 11), (6, 1));
        Assert.Equal(["burst:5"], ResponseFlags.Bursts(seqs, minutes).Select(g => g.Key));
        // Only the previous 60 active minutes count: 60 minutes of 1 after 60 of 9 bring the median down to 1.
        (seqs, minutes) = Rows([.. Enumerable.Range(0, 60).Select(m => (m, 9)), .. Enumerable.Range(60, 60).Select(m => (m, 1)), (120, 11)]);
        Assert.Equal(["burst:120"], ResponseFlags.Bursts(seqs, minutes).Select(g => g.Key));
    }

    [Fact]
    public void Median_of_an_even_number_of_counts_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(2.5, ResponseFlags.Median([4, 1, 3, 2]));
        Assert.Equal(3, ResponseFlags.Median([5, 3, 1]));
        Assert.Equal(0, ResponseFlags.Median([]));
    }

    [Fact]
    public void Three_identical_answers_within_ten_minutes_of_the_first_are_a_group()
    {
        //            seq:  1  2  3  4  5   6   7   8   9  10  11  12
        long[] seqs =     [1, 2, 3, 4, 5,  6,  7,  8,  9, 10, 11, 12];
        int[] minutes =   [0, 3, 9, 0, 5, 10, 20, 21, 30, 31, 32, 33];
        ulong[] answers = [7, 7, 7, 8, 8,  8,  7,  7,  7,  7,  7,  7];
        var groups = ResponseFlags.Identical(seqs, minutes, answers);
        // Answer 7: minutes 0, 3, 9 (window 0–9: three), 20, 21 (two: no), 30–33 (four). Answer 8: 0, 5 (two), then 10 alone.
        Assert.Equal([[1L, 2, 3], [9L, 10, 11, 12]], groups.Select(g => g.Seqs.ToArray()));
        Assert.Equal(("identical:0000000000000007:0", 0, 9), (groups[0].Key, groups[0].FirstMinute, groups[0].LastMinute));
        Assert.Equal("identical:0000000000000007:30", groups[1].Key);
    }

    [Fact]
    public void Straight_lining_needs_every_scored_item_answered_with_one_option_and_at_least_five_items()
    {
        Assert.Equal(2, ResponseFlags.StraightOption([2, 2, 2, 2, 2]));
        Assert.Equal(0, ResponseFlags.StraightOption([0, 0, 0, 0, 0, 0]));
        Assert.Equal(-1, ResponseFlags.StraightOption([2, 2, 2, 2])); // four items: too few to tell
        Assert.Equal(-1, ResponseFlags.StraightOption([2, 2, -1, 2, 2])); // one item unanswered
        Assert.Equal(-1, ResponseFlags.StraightOption([-1, -1, -1, -1, -1]));
        Assert.Equal(-1, ResponseFlags.StraightOption([0, 0, 0, 0, 1]));

        var groups = ResponseFlags.StraightLines([1, 2, 3, 4, 5], [10, 11, 12, 13, 14], [0, -1, 3, 0, -1]);
        Assert.Equal(["straight-line:0", "straight-line:3"], groups.Select(g => g.Key));
        Assert.Equal([1L, 4], groups[0].Seqs);
        Assert.Equal((10, 13, (int?)0), (groups[0].FirstMinute, groups[0].LastMinute, groups[0].Option));
    }

    /// <summary>
    /// Property: on random rows (minutes out of order, bursts, repeated answers across window edges) the rules give
    /// exactly the groups of a naive reading of their definitions, written here without the rules' shortcuts (a list
    /// per minute and per answer, the window's median recomputed from scratch). Seeded, so a failure names its seed.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Bursts_and_identical_groups_equal_a_naive_reading_of_the_rules(int seed)
    {
        var random = new Random(seed);
        var count = random.Next(1000, 3000);
        var seqs = Enumerable.Range(1, count).Select(i => (long)i).ToArray();
        // A few hundred minutes, some crowded (bursts), drawn out of order like imported responses.
        var minutes = seqs.Select(_ => random.Next(4) == 0 ? random.Next(5) * 37 : random.Next(400)).ToArray();
        var answers = seqs.Select(_ => (ulong)random.Next(random.Next(2) == 0 ? 8 : 5000)).ToArray();

        Assert.Equal(Describe(NaiveBursts(seqs, minutes)), Describe(ResponseFlags.Bursts(seqs, minutes)));
        Assert.Equal(Describe(NaiveIdentical(seqs, minutes, answers)), Describe(ResponseFlags.Identical(seqs, minutes, answers)));
        Assert.NotEmpty(ResponseFlags.Bursts(seqs, minutes));
        Assert.NotEmpty(ResponseFlags.Identical(seqs, minutes, answers));
    }

    private static List<string> Describe(IEnumerable<FlagGroup> groups) =>
        groups.Select(g => $"{g.Key} {g.FirstMinute}-{g.LastMinute} [{string.Join(",", g.Seqs)}]").ToList();

    private static List<FlagGroup> NaiveBursts(long[] seqs, int[] minutes)
    {
        var active = minutes.Distinct().Order().ToList();
        var groups = new List<FlagGroup>();
        for (var m = 0; m < active.Count; m++)
        {
            var previous = active.Take(m).Skip(Math.Max(0, m - ResponseFlags.BaselineMinutes)).Select(x => minutes.Count(y => y == x)).Order().ToList();
            var median = previous.Count == 0 ? 0 : previous.Count % 2 == 1 ? previous[previous.Count / 2] : (previous[previous.Count / 2 - 1] + previous[previous.Count / 2]) / 2.0;
            var members = seqs.Where((_, i) => minutes[i] == active[m]).ToList();
            if (members.Count > Math.Max(ResponseFlags.BurstFloor, ResponseFlags.BurstFactor * median))
                groups.Add(new FlagGroup(ResponseFlags.BurstRule, $"burst:{active[m]}", members, active[m], active[m]));
        }
        return groups;
    }

    private static List<FlagGroup> NaiveIdentical(long[] seqs, int[] minutes, ulong[] answers)
    {
        var groups = new List<FlagGroup>();
        foreach (var answer in answers.Distinct())
        {
            var rows = Enumerable.Range(0, seqs.Length).Where(i => answers[i] == answer).OrderBy(i => minutes[i]).ThenBy(i => seqs[i]).ToList();
            while (rows.Count > 0)
            {
                var window = rows.TakeWhile(i => minutes[i] < minutes[rows[0]] + ResponseFlags.IdenticalWindowMinutes).ToList();
                if (window.Count >= ResponseFlags.IdenticalMinimum)
                    groups.Add(new FlagGroup(ResponseFlags.IdenticalRule, $"identical:{answer:x16}:{minutes[window[0]]}",
                        window.Select(i => seqs[i]).ToList(), minutes[window[0]], minutes[window[^1]]));
                rows = rows.Skip(window.Count).ToList();
            }
        }
        return groups.OrderBy(g => g.FirstMinute).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
    }
}
