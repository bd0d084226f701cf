using Microsoft.Extensions.Options;
using Survey.Analysis.Tallies;
using Survey.Api.Infrastructure;
using Survey.Api.Results.Engine;
using Survey.Core.Patterns;

namespace Survey.Api.Results;

/// <summary>
/// Runs the pass for a questionnaire and filters (<see cref="ResponseSnapshots"/>) and hands its pattern counts to
/// Survey.Analysis (<see cref="QuestionnaireAnalyser"/>). The dashboard page, its charts, the tallies and the report
/// bundle ask for the same counts with the same filters, so they share one pass (memoised until the next response).
/// </summary>
public sealed class ResultsService(ResponseSnapshots snapshots, AnswerLayouts layouts, IOptions<SurveyOptions> options)
{
    public int SuppressionThreshold => options.Value.SuppressionThreshold;

    /// <param name="onlyQuestion">
    /// A chart needs one question: reuse the full pass if one is memoised for these filters, else count only that
    /// question (with the break-down and the question its condition depends on), never all of them.
    /// </param>
    public async Task<QuestionnaireAnalysis> AnalyseAsync(
        Questionnaire questionnaire, ResponseFilter filter, TallyBase basis, Question? by, CancellationToken cancellationToken, Question? onlyQuestion = null)
    {
        var counts = await CountAsync(questionnaire, filter, by, onlyQuestion, cancellationToken);
        return QuestionnaireAnalyser.Analyse(questionnaire, counts, filter, basis, by, SuppressionThreshold, onlyQuestion);
    }

    /// <summary>Pattern counts of every question (or of <paramref name="onlyQuestion"/> and what it needs), with texts and composite moments.</summary>
    public async Task<PatternCounts> CountAsync(
        Questionnaire questionnaire, ResponseFilter filter, Question? by, Question? onlyQuestion, CancellationToken cancellationToken)
    {
        var layout = await layouts.GetAsync(questionnaire, cancellationToken);
        var fullKey = $"full|{filter.Key}|{by?.Id}";
        if (onlyQuestion is null)
            return await snapshots.CountAsync(questionnaire, Request(layout, filter, by, null, full: true), fullKey, cancellationToken);
        if (await snapshots.RecallAsync(questionnaire, fullKey, cancellationToken) is { } full) return full;
        var needed = new[] { onlyQuestion.Id, by?.Id, onlyQuestion.VisibleIf?.Question }.OfType<string>()
            .Select(id => IndexOf(layout, id)).Where(i => i >= 0).ToHashSet();
        return await snapshots.CountAsync(questionnaire, Request(layout, filter, by, needed, full: false),
            $"only:{onlyQuestion.Id}|{filter.Key}|{by?.Id}", cancellationToken);
    }

    /// <summary>Responses, first and last submission and responses per day under the filters (no question counted).</summary>
    public async Task<SubmissionActivity> ActivityAsync(Questionnaire questionnaire, ResponseFilter filter, CancellationToken cancellationToken)
    {
        var layout = await layouts.GetAsync(questionnaire, cancellationToken);
        var counts = await snapshots.RecallAsync(questionnaire, $"full|{filter.Key}|", cancellationToken)
                     ?? await snapshots.CountAsync(questionnaire, Request(layout, filter, null, new HashSet<int>(), full: false), $"activity|{filter.Key}", cancellationToken);
        return SubmissionActivity.From(counts);
    }

    private static PassRequest Request(AnswerLayout layout, ResponseFilter filter, Question? by, IReadOnlySet<int>? only, bool full)
    {
        var (start, end) = filter.Window;
        return new(
            start is { } from ? Engine.ResponseColumns.MinuteOf(from) : null,
            end is { } to ? Engine.ResponseColumns.MinuteOf(to) : null,
            filter.Where.Select(w => (IndexOf(layout, w.Question), 1UL << layout.Find(w.Question)!.BitOf(w.Option)!.Value)).ToList(),
            by is null ? null : IndexOf(layout, by.Id),
            only,
            Texts: full,
            Composite: full) { Mode = filter.Mode };
    }

    private static int IndexOf(AnswerLayout layout, string questionId)
    {
        for (var i = 0; i < layout.Questions.Count; i++)
            if (layout.Questions[i].Question.Id == questionId) return i;
        return -1;
    }
}
