using Survey.Analysis.Crosstabs;
using Survey.Analysis.Evaluation;
using Survey.Analysis.Satisfaction;
using Survey.Analysis.Statistics;
using Survey.Analysis.Trends;

namespace Survey.Analysis.League;

/// <summary>Ranks organisations honestly: sorted, with intervals, and with the groups that cannot be told apart.</summary>
public static class LeagueTable
{
    /// <summary>
    /// Organisations withheld by <see cref="SmallCellSuppression"/> (below the threshold, plus complements so that
    /// none can be recovered from the overall figures) are listed last as 样本不足, unranked. The others are sorted by
    /// the ranked figure, descending: the composite when every one of them has both scores entered, else the
    /// residents' index. Ties share a rank (1, 2, 2, 4). Pairwise Welch t tests of the ranked figure, Holm-adjusted over
    /// all pairs (R <c>pairwise.t.test(pool.sd = FALSE, p.adjust.method = "holm")</c>), feed the compact letter display.
    /// </summary>
    public static LeagueResult Compute(IReadOnlyList<LeagueEntry> entries, EvaluationWeights weights, int suppressionThreshold, double alpha = 0.05)
    {
        var suppressed = SmallCellSuppression.SuppressedColumns(entries.Select(e => e.Residents.N).ToList(), suppressionThreshold);
        var shown = entries.Where((_, i) => !suppressed[i]).ToList();
        bool byComposite = shown.Count > 0 && shown.All(e => e.Review.HasValue && e.Self.HasValue);
        ScoreMoments Ranked(LeagueEntry e) => byComposite ? ThreeStepComposite.Moments(e.Residents, e.Review!.Value, e.Self!.Value, weights) : e.Residents;

        var sorted = shown.OrderByDescending(e => Ranked(e).Mean ?? double.NegativeInfinity).ToList();
        var moments = sorted.Select(Ranked).ToList();
        var pairs = new List<(int I, int J)>();
        var pValues = new List<double?>();
        for (int i = 0; i < sorted.Count; i++)
            for (int j = i + 1; j < sorted.Count; j++)
            {
                pairs.Add((i, j));
                pValues.Add(WelchTTest.Compute(moments[i], moments[j])?.PValue);
            }
        var adjusted = PValueAdjustment.Adjust(pValues, PairwiseAdjustment.Holm);
        var differs = new HashSet<(int, int)>(pairs.Where((_, k) => adjusted[k] < alpha));
        var letters = CompactLetterDisplay.Compute(sorted.Count, (i, j) => differs.Contains((i, j)));

        var rows = sorted.Select((e, k) => Row(e, weights, Rank(moments, k), letters[k])).ToList();
        rows.AddRange(entries.Where((_, i) => suppressed[i])
            .Select(e => new LeagueRow(e.Id, e.Label, e.Residents.N, true, null, null, null, null, null, "")));
        return new LeagueResult(byComposite, rows);
    }

    /// <summary>Competition ranking: 1 + the number of organisations with a strictly higher mean.</summary>
    private static int Rank(IReadOnlyList<ScoreMoments> sorted, int k) =>
        1 + sorted.Count(m => (m.Mean ?? double.NegativeInfinity) > (sorted[k].Mean ?? double.NegativeInfinity));

    private static LeagueRow Row(LeagueEntry e, EvaluationWeights weights, int rank, string letters)
    {
        double? rate = e.ScoredAnswers > 0 ? (double)e.Satisfied / e.ScoredAnswers : null;
        var composite = e.Review is { } review && e.Self is { } self ? ThreeStepComposite.Compute(e.Residents, review, self, weights) : null;
        return new LeagueRow(e.Id, e.Label, e.Residents.N, false, SatisfactionIndices.Composite(e.Residents), rate,
            e.ScoredAnswers > 0 ? WilsonInterval.Compute(e.Satisfied, e.ScoredAnswers) : null, composite, rank, letters, e.Review, e.Self);
    }
}
