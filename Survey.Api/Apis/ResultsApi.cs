using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Api.Apis.Contracts;
using Survey.Api.Auth;
using Survey.Api.OpenApi;
using Survey.Core.Questionnaires;
using Survey.Api.Results;

namespace Survey.Api.Apis;

/// <summary>Organisers only: tallies and satisfaction indices from the engine's pass, as JSON.</summary>
public static class ResultsApi
{
    public static RouteGroupBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/questionnaires/{id}").WithTags("Results").RequireAuthorization(OrganiserPolicy.Name);
        api.MapGet("/results", GetResults).WithName(nameof(GetResults))
            .WithSummary("统计结果").WithDescription("各题的人数、百分比和 95% 置信区间；多选题的 Cochran Q 检验；带 by 时的交叉表和独立性检验。筛选：from、to、where、round，基数：base。")
            .ProducesQueryProblems();
        api.MapGet("/satisfaction", GetSatisfaction).WithName(nameof(GetSatisfaction))
            .WithSummary("满意度指数").WithDescription("计分问卷各评价项的满意度指数（0–100）及 95% 置信区间、满意率和综合指数；带 by 时按分组给出。基数 base 不影响指数。")
            .ProducesQueryProblems();
        return api;
    }

    public static async Task<Results<Ok<QuestionnaireResults>, ProblemHttpResult>> GetResults(
        [AsParameters] OrganiserQuery query, QuestionnaireCatalog catalog, ResultsService results, CancellationToken cancellationToken)
    {
        if (!query.TryResolve(catalog, out var resolved, out var problem)) return problem;
        return TypedResults.Ok(ResultsJson.From(await resolved.AnalyseAsync(results, cancellationToken)));
    }

    public static async Task<Results<Ok<SatisfactionResults>, ProblemHttpResult>> GetSatisfaction(
        [AsParameters] OrganiserQuery query, QuestionnaireCatalog catalog, SatisfactionService satisfaction, CancellationToken cancellationToken)
    {
        if (!query.TryResolveScored(catalog, out var resolved, out var problem)) return problem;
        return TypedResults.Ok(ResultsJson.From(await resolved.SatisfactionAsync(satisfaction, cancellationToken)));
    }
}
