using Microsoft.Extensions.Options;
using Survey.Analysis.Crosstabs;
using Survey.Analysis.Satisfaction;
using Survey.Api.Results.Engine;

namespace Survey.Api.Results;

/// <summary>Satisfaction indices from the same pass as the results (option counts per level, composite moments per level).</summary>
public sealed class SatisfactionService(ResultsService results, IOptions<SurveyOptions> options)
{
    public const string SatisfiedRateDefinition =
        "满意率 = 选择高于量表中点分值选项（如“满意”“基本满意”）的人数 ÷ 给出评分的人数；“不了解”不计入。";

    public async Task<SatisfactionResults> ComputeAsync(Questionnaire questionnaire, ResponseFilter filter, Question? by, CancellationToken cancellationToken)
    {
        var counts = await results.CountAsync(questionnaire, filter, by, null, cancellationToken);
        var scored = questionnaire.Questions.Where(q => q.IsScored).ToList();
        var items = scored.Select(q => Item(q, i => counts.Questions[q.Id].OptionCount(i))).ToList();
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
                        scored.Select(q => Item(q, i => counts.Questions[q.Id].OptionCount(i, j + 1))).ToList(),
                        Composite(counts.CompositeByLevel[j + 1])))
                .ToList();
        }
        return new SatisfactionResults(questionnaire.Id, counts.Responses, SatisfiedRateDefinition, items, composite, by?.Id, threshold, segments);
    }

    /// <param name="count">Respondents who chose the option at a questionnaire position.</param>
    private static SatisfactionItemResult Item(Question question, Func<int, long> count)
    {
        var options = question.OptionList.Select((o, i) => (Option: o, Count: count(i))).ToList();
        var scores = options.Where(o => o.Option.Score is not null).ToList();
        var midpoint = scores.Count == 0 ? 0 : (scores.Min(o => o.Option.Score!.Value) + scores.Max(o => o.Option.Score!.Value)) / 2;
        var input = new SatisfactionItemInput(
            question.Id, question.Text, question.EffectiveWeight,
            scores.Select(o => new ScoreCount(o.Option.Score!.Value, o.Count, o.Option.Score!.Value > midpoint)).ToList(),
            options.Where(o => o.Option.HasScoreKey && o.Option.Score is null).Sum(o => o.Count));
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
