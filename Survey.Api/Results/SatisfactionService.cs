using Microsoft.Extensions.Options;
using Survey.Analysis.Crosstabs;
using Survey.Analysis.Satisfaction;
using Survey.Api.Infrastructure;

namespace Survey.Api.Results;

/// <summary>Satisfaction indices from SQL aggregates (option counts, cross-tab cells, composite moments).</summary>
public sealed class SatisfactionService(SurveyDbContext db, IOptions<SurveyOptions> options)
{
    public async Task<SatisfactionResults> ComputeAsync(Questionnaire questionnaire, ResponseFilter filter, Question? by, CancellationToken cancellationToken)
    {
        var scored = questionnaire.Questions.Where(q => q.IsScored).ToList();
        var counts = await ResponseCounts.QueryAsync(db, questionnaire, filter, cancellationToken, withTexts: false);
        var items = scored.Select(q => Item(questionnaire, q, option => counts.OptionCounts.GetValueOrDefault((q.Id, option.Id)))).ToList();
        var composite = Composite(await CompositeScoreMoments.QueryAsync(db, questionnaire, filter, cancellationToken));

        List<SatisfactionSegment>? segments = null;
        var threshold = options.Value.SuppressionThreshold;
        if (by is not null)
        {
            var cells = await CrosstabCounts.QueryAsync(db, questionnaire, by, filter, cancellationToken);
            var moments = await CompositeScoreMoments.QueryBySegmentAsync(db, questionnaire, by, filter, cancellationToken);
            var sizes = by.OptionList.Select(o => moments.GetValueOrDefault(o.Id)?.N ?? 0).ToList();
            var suppressed = SmallCellSuppression.SuppressedColumns(sizes, threshold);
            segments = by.OptionList.Select((segment, j) => suppressed[j]
                    ? new SatisfactionSegment(segment.Id, segment.Label, true,
                        scored.Select(q => new SatisfactionItemResult(q.Id, q.Text, q.Group, q.EffectiveWeight, null, null, null, null, null, null)).ToList(),
                        new SatisfactionComposite(null, null, null, null))
                    : new SatisfactionSegment(segment.Id, segment.Label, false,
                        scored.Select(q => Item(questionnaire, q, option => cells.Cells.GetValueOrDefault((q.Id, option.Id, segment.Id)))).ToList(),
                        Composite(moments.GetValueOrDefault(segment.Id) ?? new CompositeScoreMoments(0, 0, 0))))
                .ToList();
        }
        return new SatisfactionResults(questionnaire.Id, counts.Responses, SatisfactionRule.Describe(questionnaire), items, composite, by?.Id, threshold, segments);
    }

    private static SatisfactionItemResult Item(Questionnaire questionnaire, Question question, Func<QuestionOption, long> count)
    {
        var input = new SatisfactionItemInput(
            question.Id, question.Text, question.EffectiveWeight,
            question.OptionList.Where(o => o.Score is not null)
                .Select(o => new ScoreCount(o.Score!.Value, count(o), SatisfactionRule.CountsAsSatisfied(questionnaire, question, o))).ToList(),
            question.OptionList.Where(SatisfactionRule.IsExcluded).Sum(count));
        var index = SatisfactionIndices.Item(input);
        return new SatisfactionItemResult(question.Id, question.Text, question.Group, question.EffectiveWeight,
            ResultsBuilder.Round(index.Index), ResultsBuilder.Round(index.CiLow), ResultsBuilder.Round(index.CiHigh),
            ResultsBuilder.Round(index.SatisfiedRate), index.N, index.Unknown);
    }

    private static SatisfactionComposite Composite(CompositeScoreMoments moments)
    {
        var index = SatisfactionIndices.Composite(moments.N, moments.Sum, moments.SumOfSquares);
        return new SatisfactionComposite(ResultsBuilder.Round(index.Index), ResultsBuilder.Round(index.CiLow), ResultsBuilder.Round(index.CiHigh), index.N);
    }
}
