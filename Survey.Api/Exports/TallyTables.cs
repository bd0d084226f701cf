using Survey.Api.Model;
using Survey.Api.Results;

namespace Survey.Api.Exports;

/// <summary>
/// Every choice question's tally as one table (question, option, count, percent, base), in questionnaire order.
/// TODO(analysis integration): with <c>by=</c>, add one cross-tab table per question from Survey.Analysis.
/// </summary>
public static class TallyTables
{
    public static readonly IReadOnlyList<string> Header =
        ["题目编号", "题目", "题型", "选项编号", "选项", "人数", "百分比(%)", "基数(回答此题人数)"];

    public static IReadOnlyList<ExportTable> Build(Questionnaire questionnaire, QuestionnaireResults results) =>
    [
        ExportTable.FromRows("频数表", Header, results.Questions
            .Where(q => q.Type != "text")
            .SelectMany(result =>
            {
                var question = questionnaire.FindQuestion(result.QuestionId)!;
                var type = question.Type == QuestionType.Multi ? "多选" : "单选";
                return result.Options.Select(o => new object?[]
                    { question.Id, question.Text, type, o.OptionId, o.Label, o.Count, o.Percent, result.Base });
            })),
    ];
}
