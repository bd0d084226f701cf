using Survey.Analysis.Tallies;

namespace Survey.Api.Results;

/// <summary>
/// The query parameters every organiser view shares: the filters (<c>from</c>, <c>to</c>, <c>where</c>, <c>round</c>, <c>mode</c>), the base
/// of percentages (<c>base=answered|shown|all</c>) and the break-down (<c>by=</c> a single-choice question).
/// </summary>
public sealed record ResultsQuery(ResponseFilter Filter, TallyBase Basis, Question? By)
{
    public static (ResultsQuery? Query, Dictionary<string, string[]> Errors) Parse(
        Questionnaire questionnaire, string? from, string? to, string[]? where, string? basis, string? by, string? round = null, string? mode = null)
    {
        var (filter, errors) = ResponseFilter.Parse(questionnaire, from, to, where ?? [], round, mode);
        if (!ResultsBuilder.TryParseBasis(basis, out var tallyBase))
            errors["base"] = [$"基数应为 answered（回答本题者）、shown（显示本题者）或 all（全部受访者）：“{basis}”"];
        Question? byQuestion = null;
        if (!string.IsNullOrEmpty(by))
        {
            byQuestion = questionnaire.FindQuestion(by);
            if (byQuestion is not { Type: QuestionType.Single })
                errors["by"] = [$"交叉分析只能按单选题：“{by}”"];
        }
        return errors.Count > 0 || filter is null ? (null, errors) : (new ResultsQuery(filter, tallyBase, byQuestion), errors);
    }
}
