using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Survey.Api.Auth;
using Survey.Api.Infrastructure;
using Survey.Api.Questionnaires;
using Survey.Api.Results;

namespace Survey.Api.Apis;

/// <summary>Organisers only: tallies computed in the database.</summary>
public static class ResultsApi
{
    public static RouteGroupBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/questionnaires").WithTags("Results").RequireAuthorization(OrganiserPolicy.Name);
        api.MapGet("/{id}/results", GetResults).WithName(nameof(GetResults));
        api.MapGet("/{id}/satisfaction", GetSatisfaction).WithName(nameof(GetSatisfaction));
        return api;
    }

    public static async Task<Results<Ok<QuestionnaireResults>, ProblemHttpResult>> GetResults(
        string id, string? from, string? to, string[]? where, [FromQuery(Name = "base")] string? basis, string? by,
        QuestionnaireCatalog catalog, ResultsService results, CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } questionnaire) return Problems.QuestionnaireNotFound(id);
        var (query, errors) = ResultsQuery.Parse(questionnaire, from, to, where, basis, by);
        if (query is null) return Problems.InvalidQuery(errors);
        var analysis = await results.AnalyseAsync(questionnaire, query.Filter, query.Basis, query.By, cancellationToken);
        return TypedResults.Ok(ResultsBuilder.Build(analysis));
    }

    public static async Task<Results<Ok<SatisfactionResults>, ProblemHttpResult>> GetSatisfaction(
        string id, string? from, string? to, string[]? where, string? by,
        QuestionnaireCatalog catalog, SatisfactionService satisfaction, CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } questionnaire) return Problems.QuestionnaireNotFound(id);
        if (!questionnaire.Questions.Any(q => q.IsScored)) return Problems.NoScoredItems(id);
        var (query, errors) = ResultsQuery.Parse(questionnaire, from, to, where, null, by);
        if (query is null) return Problems.InvalidQuery(errors);
        return TypedResults.Ok(await satisfaction.ComputeAsync(questionnaire, query.Filter, query.By, cancellationToken));
    }
}
