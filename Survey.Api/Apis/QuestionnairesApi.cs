using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Core.Questionnaires;

namespace Survey.Api.Apis;

/// <summary>Public, read-only: which questionnaires are served and their definitions.</summary>
public static class QuestionnairesApi
{
    public sealed record QuestionnaireSummary(string Id, string Title, int Version, int QuestionCount, bool Open);

    public static RouteGroupBuilder MapQuestionnairesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/questionnaires").WithTags("Questionnaires");
        api.MapGet("/", ListQuestionnaires).WithName(nameof(ListQuestionnaires));
        api.MapGet("/{id}", GetQuestionnaire).WithName(nameof(GetQuestionnaire));
        return api;
    }

    public static Ok<QuestionnaireSummary[]> ListQuestionnaires(QuestionnaireCatalog catalog) =>
        TypedResults.Ok(catalog.All.Select(q => new QuestionnaireSummary(q.Id, q.Title, q.Version, q.Questions.Count, q.Open)).ToArray());

    /// <summary>The definition with the same keys as the file.</summary>
    public static Results<ContentHttpResult, ProblemHttpResult> GetQuestionnaire(string id, QuestionnaireCatalog catalog) =>
        catalog.Find(id) is { } questionnaire
            ? TypedResults.Text(JsonSerializer.Serialize(questionnaire, QuestionnaireJson.Options), "application/json; charset=utf-8")
            : Problems.QuestionnaireNotFound(id);
}
