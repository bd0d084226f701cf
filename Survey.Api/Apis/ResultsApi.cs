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
        // Not output-cached: each instance's cache is evicted only by its own writes, so behind a load balancer
        // another instance's results would be stale. Every request reads the database (the one source of truth).
        api.MapGet("/{id}/results", GetResults).WithName(nameof(GetResults));
        api.MapGet("/{id}/satisfaction", GetSatisfaction).WithName(nameof(GetSatisfaction));
        return api;
    }

    public static async Task<Results<Ok<QuestionnaireResults>, ProblemHttpResult>> GetResults(
        string id, string? from, string? to, string[]? where, [FromQuery(Name = "base")] string? basis, string? by,
        QuestionnaireCatalog catalog, ResultsService results, CancellationToken cancellationToken)
    {
        var (analysis, problem) = await new ResultsParameters(from, to, where, basis, by).AnalyseAsync(id, catalog, results, cancellationToken);
        return analysis is null ? problem! : TypedResults.Ok(ResultsBuilder.Build(analysis));
    }

    public static async Task<Results<Ok<SatisfactionResults>, ProblemHttpResult>> GetSatisfaction(
        string id, string? from, string? to, string[]? where, string? by,
        QuestionnaireCatalog catalog, SatisfactionService satisfaction, CancellationToken cancellationToken)
    {
        var (questionnaire, query, problem) = new ResultsParameters(from, to, where, By: by).ResolveScored(id, catalog);
        if (query is null) return problem!;
        return TypedResults.Ok(await satisfaction.ComputeAsync(questionnaire!, query.Filter, query.By, cancellationToken));
    }
}
