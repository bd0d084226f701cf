using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Survey.Api.Auth;
using Survey.Api.OpenApi;
using Survey.Api.Infrastructure;
using Survey.Core.Questionnaires;
using Survey.Api.Results;

namespace Survey.Api.Apis;

/// <summary>Organisers only: tallies computed in the database.</summary>
public static class ResultsApi
{
    public static RouteGroupBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/questionnaires").WithTags("Results").RequireAuthorization(OrganiserPolicy.Name);
        api.MapGet("/{id}/results", GetResults).WithName(nameof(GetResults))
            .WithSummary("统计结果").WithDescription("各题的人数、百分比和 95% 置信区间；多选题的 Cochran Q 检验；带 by 时的交叉表和独立性检验。筛选：from、to、where，基数：base。")
            .ProducesQueryProblems();
        api.MapGet("/{id}/satisfaction", GetSatisfaction).WithName(nameof(GetSatisfaction))
            .WithSummary("满意度指数").WithDescription("计分问卷各评价项的满意度指数（0–100）及 95% 置信区间、满意率和综合指数；带 by 时按分组给出。")
            .ProducesQueryProblems();
        return api;
    }

    public static async Task<Results<Ok<QuestionnaireResults>, ProblemHttpResult>> GetResults(
        string id, string? from, string? to, string[]? where, string? round, string? mode, [FromQuery(Name = "base")] string? basis, string? by,
        QuestionnaireCatalog catalog, ResultsService results, CancellationToken cancellationToken)
    {
        var (analysis, problem) = await new ResultsParameters(from, to, where, basis, by, round, mode).AnalyseAsync(id, catalog, results, cancellationToken);
        return analysis is null ? problem! : TypedResults.Ok(ResultsBuilder.Build(analysis));
    }

    public static async Task<Results<Ok<SatisfactionResults>, ProblemHttpResult>> GetSatisfaction(
        string id, string? from, string? to, string[]? where, string? round, string? mode, string? by,
        QuestionnaireCatalog catalog, SatisfactionService satisfaction, CancellationToken cancellationToken)
    {
        var (questionnaire, query, problem) = new ResultsParameters(from, to, where, By: by, Round: round, Mode: mode).ResolveScored(id, catalog);
        if (query is null) return problem!;
        return TypedResults.Ok(await satisfaction.ComputeAsync(questionnaire!, query.Filter, query.By, cancellationToken));
    }
}
