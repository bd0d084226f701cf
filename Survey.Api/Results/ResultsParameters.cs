using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Api.Apis;
using Survey.Core.Questionnaires;

namespace Survey.Api.Results;

/// <summary>
/// The query parameters of an organiser view as they arrive (<c>from</c>, <c>to</c>, <c>where</c>, <c>round</c>, <c>mode</c>, <c>base</c>,
/// <c>by</c>), so downloads, the report bundle and the dashboard parse and analyse them the same way.
/// </summary>
public sealed record ResultsParameters(string? From, string? To, string[]? Where, string? Basis = null, string? By = null, string? Round = null, string? Mode = null)
{
    /// <summary>The questionnaire and the parsed query, or the problem (404, or 400 with errors keyed by parameter).</summary>
    public (Questionnaire? Questionnaire, ResultsQuery? Query, ProblemHttpResult? Problem) Resolve(string id, QuestionnaireCatalog catalog)
    {
        if (catalog.Find(id) is not { } questionnaire) return (null, null, Problems.QuestionnaireNotFound(id));
        var (query, errors) = ResultsQuery.Parse(questionnaire, From, To, Where, Basis, By, Round, Mode);
        return query is null ? (null, null, Problems.InvalidQuery(errors)) : (questionnaire, query, null);
    }

    /// <summary>As <see cref="Resolve"/>, and 404 when the questionnaire has no scored (satisfaction) items.</summary>
    public (Questionnaire? Questionnaire, ResultsQuery? Query, ProblemHttpResult? Problem) ResolveScored(string id, QuestionnaireCatalog catalog)
    {
        var resolved = Resolve(id, catalog);
        return resolved.Questionnaire is { HasScoredItems: false } ? (null, null, Problems.NoScoredItems(id)) : resolved;
    }

    public async Task<(QuestionnaireAnalysis? Analysis, ProblemHttpResult? Problem)> AnalyseAsync(
        string id, QuestionnaireCatalog catalog, ResultsService results, CancellationToken cancellationToken)
    {
        var (questionnaire, query, problem) = Resolve(id, catalog);
        if (query is null) return (null, problem);
        return (await results.AnalyseAsync(questionnaire!, query.Filter, query.Basis, query.By, cancellationToken), null);
    }
}
