using Survey.Analysis.Statistics;

namespace Survey.Analysis.Tallies;

/// <summary>Percent of cases, percent of responses and Wilson intervals for a choice question.</summary>
public static class ChoiceTallies
{
    /// <summary>
    /// Percent of cases = count / base (a multi question's percentages can sum to more than 100);
    /// percent of responses = count / all mentions (sums to 100); the CI is the Wilson 95% interval of the
    /// percent of cases. Base: answered, shown or all respondents per <paramref name="basis"/>.
    /// </summary>
    public static ChoiceTally Compute(ChoiceQuestionCounts counts, TallyBase basis = TallyBase.Answered)
    {
        long @base = basis switch
        {
            TallyBase.Answered => counts.Answered,
            TallyBase.Shown => counts.Shown,
            TallyBase.All => counts.AllRespondents,
            _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, null),
        };
        long mentions = counts.Options.Sum(o => o.Count);
        var options = counts.Options.Select(o =>
        {
            // A count above the base would make the interval meaningless; it means the caller's inputs disagree.
            if (o.Count > @base && @base > 0)
                throw new ArgumentException($"Option {o.OptionId} has {o.Count} selections but the base is {@base}.", nameof(counts));
            ProportionInterval? ci = @base > 0 ? WilsonInterval.Compute(o.Count, @base) : null;
            return new OptionTally(
                o.OptionId,
                o.Label,
                o.Count,
                Percent(o.Count, @base),
                Percent(o.Count, mentions),
                ci?.Low * 100,
                ci?.High * 100);
        }).ToList();

        return new ChoiceTally(
            counts.QuestionId,
            counts.Text,
            counts.IsMulti,
            basis,
            @base,
            counts.Shown,
            counts.Answered,
            counts.Shown - counts.Answered,
            counts.AllRespondents,
            counts.Answered > 0 ? (double)mentions / counts.Answered : null,
            options);
    }

    private static double? Percent(long part, long whole) => whole > 0 ? 100.0 * part / whole : null;
}
