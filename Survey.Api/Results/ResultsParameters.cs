using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Api.Apis;
using Survey.Api.Questionnaires;

namespace Survey.Api.Results;

/// <summary>
/// The query parameters of an organiser view as they arrive (<c>from</c>, <c>to</c>, <c>where</c>, <c>base</c>,
/// <c>by</c>), so downloads, the report bundle and the dashboard parse and analyse them the same way.
/// </summary>
public sealed record ResultsParameters(string? From, string? To, string[]? Where, string? Basis, string? By)
{
    public async Task<(QuestionnaireAnalysis? Analysis, ProblemHttpResult? Problem)> AnalyseAsync(
        string id, QuestionnaireCatalog catalog, ResultsService results, CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } questionnaire) return (null, Problems.QuestionnaireNotFound(id));
        var (query, errors) = ResultsQuery.Parse(questionnaire, From, To, Where, Basis, By);
        if (query is null) return (null, Problems.InvalidQuery(errors));
        return (await results.AnalyseAsync(questionnaire, query.Filter, query.Basis, query.By, cancellationToken), null);
    }
}
