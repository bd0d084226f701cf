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
        api.MapGet("/", ListQuestionnaires).WithName(nameof(ListQuestionnaires))
            .WithSummary("问卷列表").WithDescription("公开：全部问卷的编号、标题、版本和是否收集中。");
        api.MapGet("/{id}", GetQuestionnaire).WithName(nameof(GetQuestionnaire))
            .WithSummary("问卷定义").WithDescription("公开：一份问卷的题目、选项、显示条件和作答限制，供填写页或其他客户端使用。")
            .ProducesProblem(StatusCodes.Status404NotFound);
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
