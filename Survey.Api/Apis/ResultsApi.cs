using Microsoft.AspNetCore.Http.HttpResults;
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
        api.MapGet("/{id}/results", GetResults).WithName(nameof(GetResults)).CacheOutput(ResultsCache.Policy);
        return api;
    }

    public static async Task<Results<Ok<QuestionnaireResults>, ProblemHttpResult>> GetResults(
        string id, string? from, string? to, string[]? where, QuestionnaireCatalog catalog, SurveyDbContext db, CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } questionnaire) return Problems.QuestionnaireNotFound(id);
        var (filter, errors) = ResponseFilter.Parse(questionnaire, from, to, where ?? []);
        if (filter is null) return Problems.InvalidQuery(errors);
        var counts = await ResponseCounts.QueryAsync(db, questionnaire, filter, cancellationToken);
        return TypedResults.Ok(ResultsBuilder.Build(questionnaire, counts));
    }
}
