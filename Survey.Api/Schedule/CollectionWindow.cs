using Microsoft.AspNetCore.Http.HttpResults;

namespace Survey.Api.Schedule;

/// <summary>
/// The words for a questionnaire's collection period (opensAt / closesAt, see docs/questionnaire-format.md), in one
/// place for the form, the API's 409 and the dashboard. Times are shown in Beijing time, whatever the server's zone.
/// </summary>
public static class CollectionWindow
{
    /// <summary>Stable rule names in the 409 problem's <c>violations[].rule</c>.</summary>
    public const string NotYetOpenRule = "questionnaire-not-yet-open";
    public const string EndedRule = "questionnaire-ended";
    public const string ClosedRule = "questionnaire-closed";

    /// <summary>"2026年3月1日 08:00", in Beijing time (callers say so once per sentence).</summary>
    public static string BeijingTime(DateTimeOffset time)
    {
        var local = time.ToOffset(Survey.Core.Definitions.BeijingTime.Offset);
        return $"{local.Year}年{local.Month}月{local.Day}日 {local:HH:mm}";
    }

    /// <summary>Why a questionnaire takes no responses now (title, detail and rule), or null while it is collecting.</summary>
    public static (string Title, string Detail, string Rule)? Refusal(Questionnaire questionnaire, DateTimeOffset now) =>
        questionnaire.StateAt(now) switch
        {
            CollectionState.NotYetOpen => ("问卷尚未开始",
                $"“{questionnaire.Title}”将于{BeijingTime(questionnaire.OpensAt!.Value)}开始收集答卷"
                + (questionnaire.ClosesAt is { } closes ? $"，{BeijingTime(closes)}截止" : "") + "（北京时间）。请到时再来填写。",
                NotYetOpenRule),
            CollectionState.Ended => ("问卷已结束",
                $"“{questionnaire.Title}”已于{BeijingTime(questionnaire.ClosesAt!.Value)}（北京时间）截止，不再收集答卷。感谢您的关注。",
                EndedRule),
            CollectionState.Closed => ("问卷已关闭", $"“{questionnaire.Title}”已停止收集答卷。", ClosedRule),
            _ => null,
        };

    /// <summary>409 problem details for the API: the dates in words, as ISO 8601 (<c>opensAt</c>, <c>closesAt</c>), and the rule.</summary>
    public static ProblemHttpResult? Problem(Questionnaire questionnaire, DateTimeOffset now) =>
        Refusal(questionnaire, now) is not { } refusal ? null : TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict, title: refusal.Title, detail: refusal.Detail,
            extensions: new Dictionary<string, object?>
            {
                ["opensAt"] = questionnaire.OpensAt,
                ["closesAt"] = questionnaire.ClosesAt,
                ["violations"] = new[] { new { question = "$", rule = refusal.Rule, message = refusal.Detail } },
            });

    /// <summary>The dashboard's state: "未开始（2026年3月1日 08:00起，北京时间）", "收集中（至…，北京时间）", "已结束（…截止，北京时间）", "已关闭".</summary>
    public static string DashboardLabel(Questionnaire questionnaire, DateTimeOffset now) => questionnaire.StateAt(now) switch
    {
        CollectionState.NotYetOpen => $"未开始（{BeijingTime(questionnaire.OpensAt!.Value)}起，北京时间）",
        CollectionState.Ended => $"已结束（{BeijingTime(questionnaire.ClosesAt!.Value)}截止，北京时间）",
        CollectionState.Closed => "已关闭",
        _ => questionnaire.ClosesAt is { } closes ? $"收集中（至{BeijingTime(closes)}，北京时间）" : "收集中",
    };
}
