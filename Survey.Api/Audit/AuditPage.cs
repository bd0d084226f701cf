using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Api.Auth;
using Survey.Api.Model;
using Survey.Api.Organiser;
using Survey.Core.Questionnaires;
using static Survey.Api.Organiser.AdminHtml;

namespace Survey.Api.Audit;

/// <summary>The organiser page <c>/admin/audit</c>: the audit log newest first, 50 a page, every value escaped.</summary>
public static class AuditPage
{
    public static RouteGroupBuilder MapAuditPage(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/admin").WithTags("Organiser dashboard").RequireAuthorization(OrganiserPolicy.Name);
        pages.MapGet("/audit", ShowAudit).WithName(nameof(ShowAudit)).Produces(200, contentType: "text/html")
            .WithSummary("审计日志页面").WithDescription("组织者页面（HTML）：组织者操作的只追加记录，最新的在前，每页 50 条（page 从 1 开始）。");
        return pages;
    }

    public static async Task<ContentHttpResult> ShowAudit(int? page, HttpContext context, AuditLog audit, QuestionnaireCatalog catalog, CancellationToken cancellationToken)
    {
        var number = Math.Max(page ?? 1, 1);
        var (total, entries) = await audit.PageAsync(number, AuditApi.DefaultPageSize, cancellationToken);
        var pages = Math.Max(1, (total + AuditApi.DefaultPageSize - 1) / AuditApi.DefaultPageSize);
        var rows = entries.Select(e => Html($"""
            <tr>
            <td class="number">{e.Seq}</td>
            <td class="nowrap">{AuditChain.FormatTime(e.At)[..19].Replace('T', ' ')}</td>
            <td>{AuditActions.ActorLabel(e.Actor)}</td>
            <td>{AuditActions.Label(e.Action)}</td>
            <td>{Target(e.Target, catalog)}</td>
            <td class="details">{Details(e.Details)}</td>
            <td class="hash" title="{e.Hash}"><code>{e.Hash[..12]}</code></td>
            </tr>
            """));
        var pager = Html($"""
            <nav class="pager" aria-label="翻页">
            {(number > 1 ? Html($"""<a href="/admin/audit?page={number - 1}">← 较新</a>""") : Markup.Empty)}
            <span>第 {number} / {pages} 页，共 {total} 条</span>
            {(number < pages ? Html($"""<a href="/admin/audit?page={number + 1}">较早 →</a>""") : Markup.Empty)}
            </nav>
            """);
        return Page(context, "审计日志", Html($"""
            <h1>审计日志</h1>
            <p class="muted">组织者的每次登录（含失败）、下载、录入、搁置与恢复答卷，以及问卷配置的变更都记录在此，只能追加，不能修改或删除。每条记录含前一条的哈希，任何改动都会使哈希链断开，可用 script/audit-verify 校验。时间为协调世界时（UTC）。</p>
            <p><a href="/api/audit.csv">下载全部记录 (CSV)</a></p>
            {pager}
            <table class="audit">
            <thead><tr><th class="number">序号</th><th>时间（UTC）</th><th>操作人</th><th>操作</th><th>问卷</th><th>详情</th><th>哈希</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            """));
    }

    private static Markup Target(string? id, QuestionnaireCatalog catalog) =>
        id is null ? Html($"—") : catalog.Find(id) is { } questionnaire ? Html($"""{questionnaire.Title}<div class="muted">{id}</div>""") : Html($"{id}");

    /// <summary>The details' fields with Chinese names (escaped like everything else); text that is not a JSON object as it is.</summary>
    private static Markup Details(string? details)
    {
        if (details is null) return Markup.Empty;
        JsonElement root;
        try { root = JsonDocument.Parse(details).RootElement; }
        catch (JsonException) { return Html($"{details}"); }
        if (root.ValueKind != JsonValueKind.Object) return Html($"{details}");
        return Html($"""<dl>{root.EnumerateObject().Select(p => Html($"<dt>{AuditActions.DetailLabels.GetValueOrDefault(p.Name, p.Name)}</dt><dd>{Value(p.Value)}</dd>"))}</dl>""");
    }

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => AuditActions.DetailValueLabels.GetValueOrDefault(value.GetString()!, value.GetString()!),
        JsonValueKind.Null => "—",
        _ => value.GetRawText(),
    };
}
