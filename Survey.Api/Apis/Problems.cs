using Microsoft.AspNetCore.Http.HttpResults;

namespace Survey.Api.Apis;

/// <summary>RFC 9457 problem details used by more than one endpoint, with Chinese text for residents.</summary>
public static class Problems
{
    public static ProblemHttpResult QuestionnaireNotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "问卷不存在", detail: $"没有编号为“{id}”的问卷。");

    /// <summary>400 with <c>errors</c> keyed by question id (messages) and <c>violations</c> naming each rule.</summary>
    public static ProblemHttpResult InvalidSubmission(IReadOnlyList<SubmissionError> errors) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "提交的答案有误，未保存",
        detail: "请按照提示修改后重新提交。",
        type: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        extensions: new Dictionary<string, object?>
        {
            ["errors"] = errors.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            ["violations"] = errors.Select(e => new { question = e.Key, rule = e.Rule, message = e.Message }).ToArray(),
        });

    /// <summary>400 for a bad filter or option in the query string, errors keyed by parameter.</summary>
    public static ProblemHttpResult InvalidQuery(Dictionary<string, string[]> errors) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "查询参数有误",
        extensions: new Dictionary<string, object?> { ["errors"] = errors });

    public static ProblemHttpResult ChoiceQuestionNotFound(string questionnaireId, string questionId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "没有这道选择题", detail: $"问卷“{questionnaireId}”中没有可绘图的选择题“{questionId}”。");

    public static ProblemHttpResult NoScoredItems(string questionnaireId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "没有满意度评分题", detail: $"问卷“{questionnaireId}”没有计分的满意度题目。");
}
