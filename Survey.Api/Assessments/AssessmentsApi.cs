using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Analysis.Rounds;
using Survey.Api.Apis;
using Survey.Api.Auth;
using Survey.Api.Rounds;
using Survey.Core.Questionnaires;

namespace Survey.Api.Assessments;

/// <summary>Organisers only: the self-assessment and review scores of the three-step evaluation, per round.</summary>
public static class AssessmentsApi
{
    public static RouteGroupBuilder MapAssessmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/questionnaires/{id}").WithTags("Three-step evaluation")
            .RequireAuthorization(OrganiserPolicy.Name);
        api.MapGet("/rounds/{round}/assessments", GetAssessments).WithName(nameof(GetAssessments))
            .WithSummary("自评与组织考评").WithDescription("某一轮次各单位当前的自评分和上级组织考评分，以及每次修改的记录（录入人、时间）。")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/rounds/{round}/assessments", PostAssessment).WithName(nameof(PostAssessment))
            .WithSummary("录入自评与组织考评").WithDescription("为一个单位记录新的自评分和组织考评分（0–100）；以前的分数保留在修改记录中。")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<RoundAssessments>, ProblemHttpResult>> GetAssessments(
        string id, string round, QuestionnaireCatalog catalog, AssessmentStore store, CancellationToken cancellationToken)
    {
        var (questionnaire, resolved, problem) = Resolve(id, round, catalog);
        if (problem is not null) return problem;
        return TypedResults.Ok(await ReadAsync(questionnaire!, resolved!, store, cancellationToken));
    }

    public static async Task<Results<Ok<RoundAssessments>, ProblemHttpResult>> PostAssessment(
        string id, string round, AssessmentInput input, HttpContext context, QuestionnaireCatalog catalog, AssessmentStore store,
        CancellationToken cancellationToken)
    {
        var (questionnaire, resolved, problem) = Resolve(id, round, catalog);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        if (AssessmentStore.OrganisationQuestion(questionnaire!)!.FindOption(input.Organisation ?? "") is null)
            errors["organisation"] = [$"没有这个被测评单位：“{input.Organisation}”"];
        if (!AssessmentStore.TryCheckScore(input.Self, out _, out var selfError)) errors["self"] = [selfError!];
        if (!AssessmentStore.TryCheckScore(input.Review, out _, out var reviewError)) errors["review"] = [reviewError!];
        if (errors.Count > 0) return Problems.InvalidQuery(errors);
        await store.AppendAsync(questionnaire!, resolved!, [(input.Organisation!, input.Self, input.Review)], context.User, cancellationToken);
        return TypedResults.Ok(await ReadAsync(questionnaire!, resolved!, store, cancellationToken));
    }

    private static async Task<RoundAssessments> ReadAsync(Questionnaire questionnaire, Round round, AssessmentStore store, CancellationToken cancellationToken) =>
        new(questionnaire.Id, round.Id, round.Label,
            await store.CurrentAsync(questionnaire, round, cancellationToken),
            await store.HistoryAsync(questionnaire, round, cancellationToken));

    /// <summary>The questionnaire (404 unknown, 404 without an evaluation) and the round (400 unknown).</summary>
    internal static (Questionnaire? Questionnaire, Round? Round, ProblemHttpResult? Problem) Resolve(string id, string round, QuestionnaireCatalog catalog)
    {
        if (catalog.Find(id) is not { } questionnaire) return (null, null, Problems.QuestionnaireNotFound(id));
        if (AssessmentStore.OrganisationQuestion(questionnaire) is null)
            return (null, null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "没有三步测评",
                detail: $"问卷“{id}”没有配置被测评单位（evaluation.organisations）。"));
        if (RoundSchedule.Find(questionnaire, round) is not { } resolved)
            return (null, null, Problems.InvalidQuery(new() { ["round"] = [RoundSchedule.Unknown(round)] }));
        return (questionnaire, resolved, null);
    }
}
