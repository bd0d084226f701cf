using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Api.Auth;
using Survey.Api.Organiser;
using Survey.Core.Questionnaires;
using static Survey.Api.Organiser.AdminHtml;

namespace Survey.Api.Integrity;

/// <summary>
/// The flags section of a questionnaire's dashboard page (<c>/admin/q/{id}#flags</c>): each flagged group with its
/// count, times and why, a button to set it aside (with a reason) and the set-asides with a button to restore; the
/// two form posts behind the buttons (anti-forgery token) redirect back to the section.
/// </summary>
public static class FlagsSection
{
    public static RouteGroupBuilder MapFlagsSection(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/admin/q/{id}").WithTags("Organiser dashboard").RequireAuthorization(OrganiserPolicy.Name);
        pages.MapPost("/set-asides", SetAsideFromPage).WithName(nameof(SetAsideFromPage))
            .WithSummary("搁置异常分组（页面表单）").WithDescription("组织者页面的表单提交（防伪令牌）：搁置一个异常分组的答卷，记入审计日志，然后回到问卷页面。");
        pages.MapPost("/set-asides/{setAsideId}/restore", RestoreFromPage).WithName(nameof(RestoreFromPage))
            .WithSummary("恢复搁置的答卷（页面表单）").WithDescription("组织者页面的表单提交（防伪令牌）：把一次搁置的答卷重新计入结果，记入审计日志，然后回到问卷页面。");
        return pages;
    }

    public static async Task<Results<RedirectHttpResult, BadRequest<string>, NotFound<string>, Conflict<string>>> SetAsideFromPage(
        string id, HttpContext context, IAntiforgery antiforgery, QuestionnaireCatalog catalog, FlagReport report, SetAsideStore store, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest(SignInPages.FormExpired);
        if (catalog.Find(id) is not { } questionnaire) return TypedResults.NotFound($"没有编号为“{id}”的问卷。");
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var (_, problem) = await FlagsApi.SetAsideAsync(questionnaire, form["group"], form["reason"], context, report, store, cancellationToken);
        return problem?.ProblemDetails.Status switch
        {
            StatusCodes.Status404NotFound => TypedResults.NotFound(problem.ProblemDetails.Detail ?? ""),
            StatusCodes.Status409Conflict => TypedResults.Conflict(problem.ProblemDetails.Detail ?? ""),
            StatusCodes.Status400BadRequest => TypedResults.BadRequest("请指定要搁置的异常分组。"),
            _ => TypedResults.LocalRedirect($"/admin/q/{Uri.EscapeDataString(id)}#flags"),
        };
    }

    public static async Task<Results<RedirectHttpResult, BadRequest<string>, NotFound<string>, Conflict<string>>> RestoreFromPage(
        string id, long setAsideId, HttpContext context, IAntiforgery antiforgery, QuestionnaireCatalog catalog, SetAsideStore store, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest(SignInPages.FormExpired);
        if (catalog.Find(id) is not { } questionnaire) return TypedResults.NotFound($"没有编号为“{id}”的问卷。");
        var problem = await FlagsApi.RestoreAsync(questionnaire, setAsideId, context, store, cancellationToken);
        return problem?.ProblemDetails.Status switch
        {
            StatusCodes.Status404NotFound => TypedResults.NotFound(problem.ProblemDetails.Detail ?? ""),
            StatusCodes.Status409Conflict => TypedResults.Conflict(problem.ProblemDetails.Detail ?? ""),
            _ => TypedResults.LocalRedirect($"/admin/q/{Uri.EscapeDataString(id)}#flags"),
        };
    }

    /// <summary>The section's HTML (every value encoded).</summary>
    public static Markup Render(HttpContext context, Questionnaire questionnaire, FlagsView view)
    {
        var action = $"/admin/q/{Uri.EscapeDataString(questionnaire.Id)}/set-asides";
        var groups = view.Groups.Select(g => Html($"""
            <tr>
            <td>{g.Label}</td>
            <td class="nowrap">{OrganiserPages.Time(g.First)}{(g.Last != g.First ? Html($" – {OrganiserPages.Time(g.Last)}") : Markup.Empty)}</td>
            <td class="number">{g.Responses}</td>
            <td>{g.Description}</td>
            <td>{(g.SetAside >= g.Responses
                ? Html($"""<span class="muted">已搁置</span>""")
                : Html($"""
                    <form method="post" action="{action}" class="set-aside">{AntiforgeryField(context)}<input type="hidden" name="group" value="{g.Key}">
                    <input name="reason" placeholder="原因（可选）" maxlength="500" aria-label="搁置原因"> <button type="submit">{(g.SetAside > 0 ? $"搁置其余 {g.Responses - g.SetAside} 份" : "搁置")}</button></form>
                    """))}</td>
            </tr>
            """));
        var setAsides = view.SetAsides.Select(s => Html($"""
            <tr>
            <td>{s.Label}</td>
            <td class="number">{s.Responses}</td>
            <td>{s.Reason ?? "—"}</td>
            <td>{s.By}<div class="muted">{OrganiserPages.Time(s.At)}</div></td>
            <td>{(s.RestoredAt is { } restored
                ? Html($"""已恢复<div class="muted">{s.RestoredBy} {OrganiserPages.Time(restored)}</div>""")
                : Html($"""<form method="post" action="{action}/{s.Id}/restore">{AntiforgeryField(context)}<button type="submit">恢复计入</button></form>"""))}</td>
            </tr>
            """));
        return Html($"""
            <section class="flags" id="flags">
            <h2>异常提示</h2>
            <p class="muted">根据数据库中的全部答卷计算，仅供核查，不会自动删除任何答卷。默认统计全部答卷；搁置的答卷不计入任何结果、图表、下载、走势和排名，但保留在数据库中，可随时恢复，每次搁置和恢复都记入<a href="/admin/audit">审计日志</a>。时间为北京时间。</p>
            {(view.SetAsideResponses > 0 ? Html($"""<p class="notice" role="status">当前有 {view.SetAsideResponses} 份答卷被搁置，未计入本页结果。</p>""") : Markup.Empty)}
            {(view.Groups.Count == 0 ? Html($"""<p>未发现异常。</p>""") : Html($"""
                <table class="flag-groups">
                <thead><tr><th>类型</th><th>时间（北京时间）</th><th class="number">答卷数</th><th>说明</th><th>操作</th></tr></thead>
                <tbody>{groups}</tbody>
                </table>
                """))}
            {(view.SetAsides.Count == 0 ? Markup.Empty : Html($"""
                <h3>搁置记录</h3>
                <table class="set-asides">
                <thead><tr><th>类型</th><th class="number">答卷数</th><th>原因</th><th>搁置人</th><th>状态</th></tr></thead>
                <tbody>{setAsides}</tbody>
                </table>
                """))}
            </section>
            """);
    }
}
