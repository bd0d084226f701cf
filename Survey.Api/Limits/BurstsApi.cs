using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Api.Apis;
using Survey.Api.Auth;
using Survey.Core.Questionnaires;

namespace Survey.Api.Limits;

/// <summary>
/// Organisers only: <c>GET /api/questionnaires/{id}/bursts</c>, submissions to this questionnaire refused by the
/// per-client limit in the last hour and since this instance started. Many refusals mean one address sent far more
/// than a household or an office would: look at the submissions of that period before trusting the index.
/// </summary>
public static class BurstsApi
{
    public static RouteGroupBuilder MapBurstsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/questionnaires").WithTags("Results").RequireAuthorization(OrganiserPolicy.Name);
        api.MapGet("/{id}/bursts", GetBursts).WithName(nameof(GetBursts))
            .WithSummary("提交突增信号").WithDescription("本实例最近每分钟收到的该问卷提交数及近期基线，供组织者发现异常集中的提交（每个实例各自统计）。");
        return api;
    }

    public static Results<Ok<SubmissionBursts.Snapshot>, ProblemHttpResult> GetBursts(string id, QuestionnaireCatalog catalog, SubmissionBursts bursts) =>
        catalog.Find(id) is null ? Problems.QuestionnaireNotFound(id) : TypedResults.Ok(bursts.Read(id));
}
