using Microsoft.Extensions.Options;
using Survey.Analysis.Crosstabs;
using Survey.Analysis.Satisfaction;
using Survey.Api.Results.Engine;

namespace Survey.Api.Results;

/// <summary>Satisfaction indices from the same pass as the results (option counts per level, composite moments per level).</summary>
public sealed class SatisfactionService(ResultsService results, IOptions<SurveyOptions> options)
{
    public async Task<SatisfactionAnalysis> AnalyseAsync(Questionnaire questionnaire, ResponseFilter filter, Question? by, CancellationToken cancellationToken)
    {
        var counts = await results.CountAsync(questionnaire, filter, by, null, cancellationToken);
        return Analyse(questionnaire, counts, filter, by, options.Value.SuppressionThreshold);
    }

    /// <summary>The indices from one pass's pattern counts (pure: no database). Groups smaller than the threshold are withheld.</summary>
    public static SatisfactionAnalysis Analyse(Questionnaire questionnaire, PatternCounts counts, ResponseFilter filter, Question? by, int threshold)
    {
        var scored = questionnaire.Questions.Where(q => q.IsScored).ToList();
        var items = scored.Select(q => Item(questionnaire, q, i => counts.Questions[q.Id].OptionCount(i))).ToList();

        List<SegmentIndices>? segments = null;
        if (by is not null)
        {
            var sizes = by.OptionList.Select((_, j) => counts.CompositeByLevel[j + 1].N).ToList();
            var suppressed = SmallCellSuppression.SuppressedColumns(sizes, threshold);
            segments = by.OptionList.Select((segment, j) => suppressed[j]
                    ? new SegmentIndices(segment, true, scored.Select(q => new ItemIndex(q, SegmentIndices.Withheld)).ToList(), SegmentIndices.Withheld)
                    : new SegmentIndices(segment, false,
                        scored.Select(q => Item(questionnaire, q, i => counts.Questions[q.Id].OptionCount(i, j + 1))).ToList(),
                        Composite(counts.CompositeByLevel[j + 1])))
                .ToList();
        }
        return new SatisfactionAnalysis(questionnaire, filter, by, threshold, counts.Responses, items, Composite(counts.Composite), segments);
    }

    /// <param name="count">Respondents who chose the option at a questionnaire position.</param>
    private static ItemIndex Item(Questionnaire questionnaire, Question question, Func<int, long> count)
    {
        var options = question.OptionList.Select((o, i) => (Option: o, Count: count(i))).ToList();
        var input = new SatisfactionItemInput(
            question.Id, question.Text, question.EffectiveWeight,
            options.Where(o => o.Option.Score is not null)
                .Select(o => new ScoreCount(o.Option.Score!.Value, o.Count, SatisfactionRule.CountsAsSatisfied(questionnaire, question, o.Option))).ToList(),
            options.Where(o => SatisfactionRule.IsExcluded(o.Option)).Sum(o => o.Count));
        return new ItemIndex(question, SatisfactionIndices.Item(input));
    }

    private static SatisfactionIndex Composite(CompositeMoments moments) => SatisfactionIndices.Composite(moments.N, moments.Sum, moments.SumOfSquares);
}
