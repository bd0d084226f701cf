using Microsoft.Extensions.Options;
using Survey.Analysis.Crosstabs;
using Survey.Analysis.Satisfaction;
using Survey.Api.Results.Engine;

namespace Survey.Api.Results;

/// <summary>Satisfaction indices from the same pass as the results (option counts per level, composite moments per level).</summary>
public sealed class SatisfactionService(ResultsService results, IOptions<SurveyOptions> options)
{
    public async Task<SatisfactionResults> ComputeAsync(Questionnaire questionnaire, ResponseFilter filter, Question? by, CancellationToken cancellationToken)
    {
        var counts = await results.CountAsync(questionnaire, filter, by, null, cancellationToken);
        var scored = questionnaire.Questions.Where(q => q.IsScored).ToList();
        var items = scored.Select(q => Item(questionnaire, q, i => counts.Questions[q.Id].OptionCount(i))).ToList();
        var composite = Composite(counts.Composite);

        List<SatisfactionSegment>? segments = null;
        var threshold = options.Value.SuppressionThreshold;
        if (by is not null)
        {
            var sizes = by.OptionList.Select((_, j) => counts.CompositeByLevel[j + 1].N).ToList();
            var suppressed = SmallCellSuppression.SuppressedColumns(sizes, threshold);
            segments = by.OptionList.Select((segment, j) => suppressed[j]
                    ? new SatisfactionSegment(segment.Id, segment.Label, true,
                        scored.Select(q => new SatisfactionItemResult(q.Id, q.Text, q.Group, q.EffectiveWeight, null, null, null, null, null, null)).ToList(),
                        new SatisfactionComposite(null, null, null, null))
                    : new SatisfactionSegment(segment.Id, segment.Label, false,
                        scored.Select(q => Item(questionnaire, q, i => counts.Questions[q.Id].OptionCount(i, j + 1))).ToList(),
                        Composite(counts.CompositeByLevel[j + 1])))
                .ToList();
        }
        return new SatisfactionResults(questionnaire.Id, counts.Responses, SatisfactionRule.Describe(questionnaire), items, composite, by?.Id, threshold, segments);
    }

    /// <param name="count">Respondents who chose the option at a questionnaire position.</param>
    private static SatisfactionItemResult Item(Questionnaire questionnaire, Question question, Func<int, long> count)
    {
        var options = question.OptionList.Select((o, i) => (Option: o, Count: count(i))).ToList();
        var input = new SatisfactionItemInput(
            question.Id, question.Text, question.EffectiveWeight,
            options.Where(o => o.Option.Score is not null)
                .Select(o => new ScoreCount(o.Option.Score!.Value, o.Count, SatisfactionRule.CountsAsSatisfied(questionnaire, question, o.Option))).ToList(),
            options.Where(o => SatisfactionRule.IsExcluded(o.Option)).Sum(o => o.Count));
        var index = SatisfactionIndices.Item(input);
        return new SatisfactionItemResult(question.Id, question.Text, question.Group, question.EffectiveWeight,
            ResultsBuilder.Round(index.Index), ResultsBuilder.Round(index.CiLow), ResultsBuilder.Round(index.CiHigh),
            ResultsBuilder.Round(index.SatisfiedRate), index.N, index.Unknown);
    }

    private static SatisfactionComposite Composite(CompositeMoments moments)
    {
        var index = SatisfactionIndices.Composite(moments.N, moments.Sum, moments.SumOfSquares);
        return new SatisfactionComposite(ResultsBuilder.Round(index.Index), ResultsBuilder.Round(index.CiLow), ResultsBuilder.Round(index.CiHigh), index.N);
    }
}
