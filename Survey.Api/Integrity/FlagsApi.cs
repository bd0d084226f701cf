using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Api.Apis;
using Survey.Api.Auth;
using Survey.Core.Questionnaires;

namespace Survey.Api.Integrity;

/// <summary>
/// Organisers only: the flags of a questionnaire (<c>GET …/flags</c>), setting a flagged group aside
/// (<c>POST …/set-asides</c>: the server takes the group as it flags it now, never a list of responses sent to it) and
/// restoring one (<c>POST …/set-asides/{setAsideId}/restore</c>). Each set-aside and restore is in the audit log.
/// </summary>
public static class FlagsApi
{
    public static RouteGroupBuilder MapFlagsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/questionnaires/{id}").WithTags("Flags and set-asides").RequireAuthorization(OrganiserPolicy.Name);
        api.MapGet("/flags", GetFlags).WithName(nameof(GetFlags))
            .WithSummary("异常提示").WithDescription(
                "由数据库中的全部答卷计算的异常分组：提交激增（某分钟答卷数超过 10 且超过此前 60 个有提交分钟中位数的 5 倍）、" +
                "相同答卷（至少 3 份全部回答和文字完全相同、10 分钟内提交）、评分题全选同一项（至少 5 道评分题）；以及已搁置的分组。")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/set-asides", PostSetAside).WithName(nameof(PostSetAside))
            .WithSummary("搁置异常分组").WithDescription("把一个异常分组（group 为分组键）的答卷搁置：不计入任何结果、图表、导出、走势和排名，但保留在数据库中，可恢复；记入审计日志。")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/set-asides/{setAsideId}/restore", PostRestore).WithName(nameof(PostRestore))
            .WithSummary("恢复搁置的答卷").WithDescription("把一次搁置的答卷重新计入结果；记入审计日志。")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Ok<FlagsView>, ProblemHttpResult>> GetFlags(
        string id, QuestionnaireCatalog catalog, FlagReport report, CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } questionnaire) return Problems.QuestionnaireNotFound(id);
        return TypedResults.Ok(await report.BuildAsync(questionnaire, cancellationToken));
    }

    public static async Task<Results<Created<SetAsideView>, ProblemHttpResult>> PostSetAside(
        string id, SetAsideInput input, HttpContext context, QuestionnaireCatalog catalog, FlagReport report, SetAsideStore store,
        CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } questionnaire) return Problems.QuestionnaireNotFound(id);
        var (setAside, problem) = await SetAsideAsync(questionnaire, input.Group, input.Reason, context, report, store, cancellationToken);
        if (setAside is null) return problem!;
        return TypedResults.Created($"/api/questionnaires/{Uri.EscapeDataString(id)}/flags",
            new SetAsideView(setAside.Id, setAside.Rule, FlagReport.RuleLabel(setAside.Rule), setAside.GroupKey, setAside.Responses.Count,
                setAside.Reason, setAside.SetAsideBy, DateTime.SpecifyKind(setAside.SetAsideAt, DateTimeKind.Utc), null, null));
    }

    public static async Task<Results<Ok<FlagsView>, ProblemHttpResult>> PostRestore(
        string id, long setAsideId, HttpContext context, QuestionnaireCatalog catalog, FlagReport report, SetAsideStore store, CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } questionnaire) return Problems.QuestionnaireNotFound(id);
        if (await RestoreAsync(questionnaire, setAsideId, context, store, cancellationToken) is { } problem) return problem;
        return TypedResults.Ok(await report.BuildAsync(questionnaire, cancellationToken));
    }

    /// <summary>Shared with the dashboard's form: the group as flagged now, or a problem in Chinese.</summary>
    internal static async Task<(Model.SetAside? SetAside, ProblemHttpResult? Problem)> SetAsideAsync(
        Questionnaire questionnaire, string? key, string? reason, HttpContext context, FlagReport report, SetAsideStore store, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key))
            return (null, Problems.InvalidQuery(new() { ["group"] = ["请指定要搁置的异常分组（group）"] }));
        if (await report.FindAsync(questionnaire, key, cancellationToken) is not { } group)
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "没有这个异常分组", detail: $"当前没有键为“{key}”的异常分组。"));
        var setAside = await store.SetAsideAsync(questionnaire, group, reason, context.User, cancellationToken);
        return setAside is null
            ? (null, TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "已经搁置", detail: "这个分组的答卷都已搁置。"))
            : (setAside, null);
    }

    internal static async Task<ProblemHttpResult?> RestoreAsync(
        Questionnaire questionnaire, long setAsideId, HttpContext context, SetAsideStore store, CancellationToken cancellationToken) =>
        await store.RestoreAsync(questionnaire.Id, setAsideId, context.User, cancellationToken) switch
        {
            SetAsideStore.RestoreOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "没有这次搁置", detail: $"问卷“{questionnaire.Id}”没有编号为 {setAsideId} 的搁置。"),
            SetAsideStore.RestoreOutcome.AlreadyRestored => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "已经恢复", detail: "这次搁置的答卷已经恢复计入。"),
            _ => null,
        };
}
