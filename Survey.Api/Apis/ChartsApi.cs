using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Analysis.Charts;
using Survey.Api.Auth;
using Survey.Core.Questionnaires;
using Survey.Api.Limits;
using Survey.Api.OpenApi;
using Survey.Api.Charts;
using Survey.Api.Results;

namespace Survey.Api.Apis;

/// <summary>
/// Organisers only: charts rendered from the same analysis as the results, as PNG (for Word: 800 px wide by default,
/// <c>scale=2</c> for print) or SVG (text kept as text). Filters, <c>base</c> and <c>by</c> as for results.
/// </summary>
public static class ChartsApi
{
    public const int DefaultWidth = 800;

    public static RouteGroupBuilder MapChartsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/questionnaires/{id}").WithTags("Charts").RequireAuthorization(OrganiserPolicy.Name);
        // Rendering is costly: few at once, and an unknown query parameter is refused rather than rendering again.
        api.WithMetadata(new ThrottledEndpoint(ThrottledEndpoint.Kind.Chart)).AddEndpointFilterFactory(KnownQueryParameters.Filter);
        api.MapGet("/charts/{questionId}.{format}", GetQuestionChart).WithName(nameof(GetQuestionChart))
            .WithSummary("题目图表").WithDescription("一道选择题的条形图（PNG 或 SVG，中文标签）；带 by 时为分组条形图。可指定 width、height、scale。")
            .ProducesQueryProblems();
        api.MapGet("/satisfaction/chart.{format}", GetSatisfactionChart).WithName(nameof(GetSatisfactionChart))
            .WithSummary("满意度指数图").WithDescription("计分问卷各项满意度指数及置信区间的条形图；带 by 时为各分组的综合指数。")
            .ProducesQueryProblems();
        return api;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetQuestionChart(
        [AsParameters] OrganiserQuery query, string questionId, string format, int? width, int? height, double? scale,
        QuestionnaireCatalog catalog, ResultsService results, CancellationToken cancellationToken)
    {
        if (!query.TryResolve(catalog, out var resolved, out var problem)) return problem;
        var questionnaire = resolved.Questionnaire;
        if (questionnaire.FindQuestion(questionId) is not { Type: not QuestionType.Text } question)
            return Problems.ChoiceQuestionNotFound(questionnaire.Id, questionId);
        if (ChartFormat.Parse(format, width, height, scale) is not { } size) return Problems.InvalidQuery(ChartFormat.Errors());

        var analysis = await resolved.AnalyseAsync(results, cancellationToken, onlyQuestion: question);
        return size.Render(QuestionCharts.Create(analysis, question), $"{questionnaire.Id}-{question.Id}");
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetSatisfactionChart(
        [AsParameters] OrganiserQuery query, string format, int? width, int? height, double? scale,
        QuestionnaireCatalog catalog, SatisfactionService satisfaction, CancellationToken cancellationToken)
    {
        if (!query.TryResolveScored(catalog, out var resolved, out var problem)) return problem;
        if (ChartFormat.Parse(format, width, height, scale) is not { } size) return Problems.InvalidQuery(ChartFormat.Errors());

        var analysis = await resolved.SatisfactionAsync(satisfaction, cancellationToken);
        return size.Render(SatisfactionCharts.Create(analysis), $"{resolved.Questionnaire.Id}-satisfaction");
    }
}
