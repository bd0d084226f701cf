using Survey.Api.Apis;
using Survey.Api.Apis.Contracts;
using Survey.Api.Results;
using Microsoft.Extensions.Options;
using Survey.Analysis.Rounds;
using Survey.Analysis.Statistics;
using Survey.Analysis.Tallies;
using Survey.Analysis.Trends;

namespace Survey.Api.Rounds;

/// <summary>Trends across rounds with a test of each change (unpooled two-proportion z for rates, Welch t for indices).</summary>
public sealed class TrendService(RoundSource source, IOptions<SurveyOptions> options)
{
    public const string CompositeId = "composite";
    public const string CompositeText = "综合满意度指数";

    /// <summary>Most calendar rounds in one trend (the latest ones): each round is one analysis until the engine keys rounds.</summary>
    public const int MaxRounds = 24;

    /// <summary>The rounds of a trend: the named rounds, or every calendar round from the first to the last response (empty ones included).</summary>
    public async Task<IReadOnlyList<Round>> RoundsAsync(Questionnaire questionnaire, ResponseFilter filter, RoundPeriod? period, CancellationToken cancellationToken)
    {
        if (period is null && RoundSchedule.Named(questionnaire) is { Count: > 0 } named) return named;
        var (first, last) = await source.SpanAsync(questionnaire, filter, cancellationToken);
        if (first is null || last is null) return [];
        var rounds = RoundCalendar.Between(period ?? RoundSchedule.DefaultPeriod(questionnaire), Survey.Core.Definitions.BeijingTime.DayOf(first.Value), Survey.Core.Definitions.BeijingTime.DayOf(last.Value));
        return rounds.Skip(Math.Max(0, rounds.Count - MaxRounds)).ToList();
    }

    public async Task<IReadOnlyList<RoundFigures>> FiguresAsync(Questionnaire questionnaire, ResponseFilter filter, TallyBase basis,
        IReadOnlyList<Round> rounds, CancellationToken cancellationToken)
    {
        var figures = new List<RoundFigures>();
        foreach (var round in rounds) figures.Add(await source.LoadAsync(questionnaire, filter, basis, null, round, cancellationToken));
        return figures;
    }

    public async Task<TrendResults> ComputeAsync(Questionnaire questionnaire, ResponseFilter filter, TallyBase basis, RoundPeriod? period,
        CancellationToken cancellationToken)
    {
        var rounds = await RoundsAsync(questionnaire, filter, period, cancellationToken);
        return Build(questionnaire, basis, period, await FiguresAsync(questionnaire, filter, basis, rounds, cancellationToken), options.Value.SuppressionThreshold);
    }

    /// <summary>The trend from each round's figures (pure: no database).</summary>
    public static TrendResults Build(Questionnaire questionnaire, TallyBase basis, RoundPeriod? period, IReadOnlyList<RoundFigures> figures, int threshold)
    {
        bool Shown(int r) => figures[r].Responses >= threshold;
        var rounds = figures.Select((f, r) => new TrendRound(f.Round.Id, f.Round.Label, f.Round.From, f.Round.To, f.Responses, !Shown(r))).ToList();

        var questions = questionnaire.Questions.Where(q => q.Type != QuestionType.Text).Select(q => new TrendQuestion(q.Id, q.Text,
            q.OptionList.Select((o, i) => new TrendOption(o.Id, o.Label, figures.Select((f, r) =>
            {
                if (!Shown(r) || f.Analysis.Tallies[q.Id] is not { Base: > 0 } tally) return new TrendProportion(f.Round.Id, null, null, null, null, null, null);
                var option = tally.Options[i];
                ChangeTest? change = null;
                if (r > 0 && Shown(r - 1) && figures[r - 1].Analysis.Tallies[q.Id] is { Base: > 0 } previous)
                    change = TwoProportionZTest.Compute(previous.Options[i].Count, previous.Base, option.Count, tally.Base);
                return new TrendProportion(f.Round.Id, option.Count, tally.Base, Round(option.PercentOfCases), Round(option.CiLow), Round(option.CiHigh), View(change, percent: true));
            }).ToList())).ToList())).ToList();

        var scored = questionnaire.Questions.Where(q => q.IsScored).ToList();
        var itemFigures = figures.Select(f => scored.ToDictionary(q => q.Id, q => ItemFigures(questionnaire, q, f.Analysis.Tallies[q.Id]))).ToList();
        var indices = scored.Select(q => Index(q.Id, q.Text, figures, r => itemFigures[r][q.Id], Shown)).ToList();
        if (scored.Count > 0)
            indices.Add(Index(CompositeId, CompositeText, figures, r => (figures[r].Composite,
                itemFigures[r].Values.Sum(i => i.Satisfied), itemFigures[r].Values.Sum(i => i.Scored)), Shown));

        return new TrendResults(questionnaire.Id, period?.ToString().ToLowerInvariant() ?? (RoundSchedule.Named(questionnaire).Count > 0 ? "named" : RoundSchedule.DefaultPeriod(questionnaire).ToString().ToLowerInvariant()),
            TallyBaseQuery.Format(basis), threshold, SatisfactionRule.Describe(questionnaire), rounds, questions, indices);
    }

    /// <summary>An item's score moments and satisfied answers of its scored answers, from its option counts.</summary>
    public static (ScoreMoments Moments, long Satisfied, long Scored) ItemFigures(Questionnaire questionnaire, Question question, ChoiceTally tally)
    {
        var moments = ScoreMoments.Empty;
        long satisfied = 0;
        foreach (var (option, count) in question.OptionList.Zip(tally.Options.Select(o => o.Count)))
        {
            if (option.Score is not { } score) continue;
            moments = moments.Add(score, count);
            if (SatisfactionRule.CountsAsSatisfied(questionnaire, question, option)) satisfied += count;
        }
        return (moments, satisfied, moments.N);
    }

    private static TrendIndex Index(string id, string text, IReadOnlyList<RoundFigures> figures,
        Func<int, (ScoreMoments Moments, long Satisfied, long Scored)> of, Func<int, bool> shown) =>
        new(id, text, figures.Select((f, r) =>
        {
            if (!shown(r)) return new TrendIndexRound(f.Round.Id, null, null, null, null, null, null, null, null, null);
            var (moments, satisfied, scored) = of(r);
            var index = Analysis.Satisfaction.SatisfactionIndices.Composite(moments);
            var interval = scored > 0 ? WilsonInterval.Compute(satisfied, scored) : (ProportionInterval?)null;
            ChangeTest? indexChange = null, satisfiedChange = null;
            if (r > 0 && shown(r - 1))
            {
                var previous = of(r - 1);
                indexChange = WelchTTest.Compute(previous.Moments, moments);
                satisfiedChange = TwoProportionZTest.Compute(previous.Satisfied, previous.Scored, satisfied, scored);
            }
            return new TrendIndexRound(f.Round.Id, moments.N, Round(index.Index), Round(index.CiLow), Round(index.CiHigh),
                scored > 0 ? Round(100.0 * satisfied / scored) : null, Round(interval?.Low * 100), Round(interval?.High * 100),
                View(indexChange, percent: false), View(satisfiedChange, percent: true));
        }).ToList());

    /// <summary>The change for JSON: a difference of proportions in percentage points; p to 4 decimals.</summary>
    public static ChangeView? View(ChangeTest? test, bool percent) => test is null ? null :
        new(test.Statistic, Math.Round(test.Value, 3), test.DegreesOfFreedom is { } df ? Math.Round(df, 1) : null,
            Math.Round(test.PValue, 4), Math.Round(percent ? 100 * test.Difference : test.Difference, 2), test.Label);

    private static double? Round(double? value) => ResultsJson.Round(value);
}
