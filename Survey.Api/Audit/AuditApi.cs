using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Api.Apis;
using Survey.Api.Auth;
using Survey.Api.Exports;
using Survey.Api.Model;

namespace Survey.Api.Audit;

/// <summary>
/// Organisers read the audit log: <c>GET /api/audit</c> (JSON, newest first, paged) and the whole log as CSV
/// (<c>/api/audit.csv</c> or <c>?format=csv</c>, oldest first, the project's CSV writer). Read only: no route changes
/// or removes an entry.
/// </summary>
public static class AuditApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Audit log").RequireAuthorization(OrganiserPolicy.Name);
        api.MapGet("/audit", GetAudit).WithName(nameof(GetAudit))
            .WithSummary("审计日志").WithDescription(
                "组织者操作的只追加记录（登录、下载、录入、搁置等），最新的在前，分页（page 从 1 开始，size 每页条数，最多 500）。" +
                "每条记录含前一条的哈希（prevHash）和本条的哈希（hash），可据此校验整条哈希链；format=csv 时下载全部记录（CSV）。")
            .Produces<AuditPageView>().Produces(200, contentType: CsvTableWriter.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/audit.csv", GetAuditCsv).WithName(nameof(GetAuditCsv)).Produces(200, contentType: CsvTableWriter.ContentType)
            .WithSummary("审计日志 (CSV)").WithDescription("全部审计记录，按序号从旧到新，每条一行（UTF-8 带 BOM），含操作的中文名称和哈希链字段。");
        return api;
    }

    public static async Task<Results<Ok<AuditPageView>, PushStreamHttpResult, ProblemHttpResult>> GetAudit(
        int? page, int? size, string? format, HttpContext context, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (format is { Length: > 0 } && format != "csv" && format != "json")
            return Problems.InvalidQuery(new() { ["format"] = [$"格式应为 json 或 csv：“{format}”"] });
        if (format == "csv") return await CsvAsync(context, audit, clock, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        if (page is < 1) errors["page"] = ["页码应为 1 或更大的整数"];
        if (size is < 1 or > MaxPageSize) errors["size"] = [$"每页条数应为 1–{MaxPageSize}"];
        if (errors.Count > 0) return Problems.InvalidQuery(errors);
        var (number, pageSize) = (page ?? 1, size ?? DefaultPageSize);
        var (total, entries) = await audit.PageAsync(number, pageSize, cancellationToken);
        return TypedResults.Ok(new AuditPageView(total, number, pageSize, entries.Select(View).ToList()));
    }

    public static async Task<PushStreamHttpResult> GetAuditCsv(HttpContext context, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
        await CsvAsync(context, audit, clock, cancellationToken);

    public static AuditEntryView View(AuditEntry e) =>
        new(e.Seq, DateTime.SpecifyKind(e.At, DateTimeKind.Utc), e.Actor, e.Action, AuditActions.Label(e.Action), e.Target, e.Details, e.PrevHash, e.Hash);

    /// <summary>The whole log, oldest first; the download itself is recorded first, so it is its own last line.</summary>
    private static async Task<PushStreamHttpResult> CsvAsync(HttpContext context, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        await audit.AppendAsync(context.User, AuditActions.AuditDownloaded, null, new { file = "audit.csv" }, cancellationToken);
        var now = clock.GetUtcNow();
        var table = new ExportTable("审计日志",
        [
            new("序号", CellFormat.Count, "seq"), new("时间（UTC）", CellFormat.Text, "at", Width: 24), new("操作人", CellFormat.Text, "actor.label"), new("操作人代码", CellFormat.Text, "actor"),
            new("操作", CellFormat.Text, "label"), new("操作代码", CellFormat.Text, "action"), new("问卷", CellFormat.Text, "target"),
            new("详情", CellFormat.LongText, "details", Width: 60), new("前一条哈希", CellFormat.Text, "prev_hash", Width: 64),
            new("哈希", CellFormat.Text, "hash", Width: 64),
        ], audit.AllAsync().Select(e => new object?[]
        {
            e.Seq, AuditChain.FormatTime(e.At), AuditActions.ActorLabel(e.Actor), e.Actor, AuditActions.Label(e.Action), e.Action, e.Target, e.Details, e.PrevHash, e.Hash,
        }));
        string[] about = ["审计日志（组织者操作记录，只追加）", $"生成时间（UTC）：{now:yyyy-MM-dd HH:mm}",
            "每条记录的哈希 = SHA-256（规范格式见 README“审计日志”），含前一条的哈希；用 script/audit-verify 校验整条链。"];
        return ExportsApi.Attachment(context, $"audit-log-{now:yyyy-MM-dd}.csv", CsvTableWriter.ContentType,
            (stream, token) => CsvTableWriter.WriteAsync(stream, about, [table], token));
    }
}
