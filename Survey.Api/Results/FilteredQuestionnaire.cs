using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Api.Apis;
using Survey.Api.Model;
using Survey.Api.Questionnaires;

namespace Survey.Api.Results;

/// <summary>A questionnaire and the filter from the query string (<c>from</c>, <c>to</c>, <c>where</c>), or the problem why not.</summary>
public sealed record FilteredQuestionnaire(Questionnaire Questionnaire, ResponseFilter Filter)
{
    public static (FilteredQuestionnaire? Found, ProblemHttpResult? Problem) Resolve(
        QuestionnaireCatalog catalog, string id, string? from, string? to, string[]? where)
    {
        if (catalog.Find(id) is not { } questionnaire) return (null, Problems.QuestionnaireNotFound(id));
        var (filter, errors) = ResponseFilter.Parse(questionnaire, from, to, where ?? []);
        return filter is null ? (null, Problems.InvalidQuery(errors)) : (new FilteredQuestionnaire(questionnaire, filter), null);
    }
}
