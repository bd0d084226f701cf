using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Api.Apis;
using Survey.Api.Auth;
using Survey.Api.OpenApi;
using Survey.Api.Infrastructure;
using Survey.Core.Questionnaires;
using Survey.Api.Results;
using Survey.Api.Rounds;

namespace Survey.Api.Exports;

/// <summary>
/// Organiser downloads, each honouring the filters <c>from</c>, <c>to</c>, <c>where=question:option</c>: raw responses
/// and tallies as CSV and XLSX, and the report bundle. Each file starts with a header block saying what it covers and
/// is named after the questionnaire, the date and the filters (RFC 5987 <c>filename*</c> for the Chinese); nosniff;
/// written to the response body as it is produced.
/// </summary>
public static class ExportsApi
{
    public static RouteGroupBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/questionnaires/{id}").WithTags("Downloads").RequireAuthorization(OrganiserPolicy.Name);
        api.MapGet("/export.csv", ExportCsv).WithName(nameof(ExportCsv)).Produces(200, contentType: CsvTableWriter.ContentType)
            .ProducesQueryProblems()
            .WithSummary("原始数据 (CSV)").WithDescription("每份答卷一行（UTF-8 带 BOM），列头为题目文字和题目/选项编号，文件开头说明问卷、筛选条件和生成时间。筛选：from、to、where、round；base 与 by 对原始数据不适用，忽略。");
        api.MapGet("/export.xlsx", ExportXlsx).WithName(nameof(ExportXlsx)).Produces(200, contentType: XlsxTableWriter.ContentType)
            .ProducesQueryProblems()
            .WithSummary("原始数据 (Excel)").WithDescription("与 CSV 相同的答卷表，排版可直接打印：列宽适配内容、长文本换行、表头冻结并在每页重复。base 与 by 不适用，忽略。");
        api.MapGet("/tallies.csv", TalliesCsv).WithName(nameof(TalliesCsv)).Produces(200, contentType: CsvTableWriter.ContentType)
            .ProducesQueryProblems()
            .WithSummary("统计表 (CSV)").WithDescription("各选择题的频数、百分比及其 95% 置信区间；计分问卷另附满意度指数表；带 round 且问卷配置了被测评单位时另附该轮排名表；带 by 参数时每题另附交叉表及检验结果。");
        api.MapGet("/tallies.xlsx", TalliesXlsx).WithName(nameof(TalliesXlsx)).Produces(200, contentType: XlsxTableWriter.ContentType)
            .ProducesQueryProblems()
            .WithSummary("统计表 (Excel)").WithDescription("与统计表 CSV 相同的表格，每表一个工作表（以题目命名），可直接打印。");
        api.MapGet("/report.zip", ReportZip).WithName(nameof(ReportZip)).Produces(200, contentType: ReportBundle.ContentType)
            .ProducesQueryProblems()
            .WithSummary("完整报告 (ZIP)").WithDescription("全部图表（PNG 与 SVG）、统计表（CSV 与 Excel）和可打印为 A4 报告的 summary.html；带 round 且问卷配置了被测评单位时另附一页的测评通报 bulletin.html（答卷数、综合排名、与上一轮相比变化最大的三项上升和三项下降及其检验）。");
        return api;
    }

    public static Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportCsv(
        [AsParameters] OrganiserQuery query, HttpContext context, QuestionnaireCatalog catalog, SurveyDbContext db, AnswerLayouts layouts, TimeProvider clock) =>
        RawExport(query, context, catalog, db, layouts, clock, "export.csv", CsvTableWriter.ContentType, CsvTableWriter.WriteAsync);

    public static Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportXlsx(
        [AsParameters] OrganiserQuery query, HttpContext context, QuestionnaireCatalog catalog, SurveyDbContext db, AnswerLayouts layouts, TimeProvider clock) =>
        RawExport(query, context, catalog, db, layouts, clock, "export.xlsx", XlsxTableWriter.ContentType, XlsxTableWriter.WriteAsync);

    public static Task<Results<PushStreamHttpResult, ProblemHttpResult>> TalliesCsv(
        [AsParameters] OrganiserQuery query, HttpContext context, QuestionnaireCatalog catalog, ResultsService results, SatisfactionService satisfaction,
        RoundReports rounds, TimeProvider clock) =>
        Tallies(query, context, catalog, results, satisfaction, rounds, clock, "tallies.csv", CsvTableWriter.ContentType, CsvTableWriter.WriteAsync);

    public static Task<Results<PushStreamHttpResult, ProblemHttpResult>> TalliesXlsx(
        [AsParameters] OrganiserQuery query, HttpContext context, QuestionnaireCatalog catalog, ResultsService results, SatisfactionService satisfaction,
        RoundReports rounds, TimeProvider clock) =>
        Tallies(query, context, catalog, results, satisfaction, rounds, clock, "tallies.xlsx", XlsxTableWriter.ContentType, XlsxTableWriter.WriteAsync);

    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ReportZip(
        [AsParameters] OrganiserQuery query, HttpContext context, QuestionnaireCatalog catalog, ResultsService results, SatisfactionService satisfaction,
        RoundReports rounds, IWebHostEnvironment environment, TimeProvider clock)
    {
        if (!query.TryResolve(catalog, out var resolved, out var problem)) return problem;
        var analysis = await resolved.AnalyseAsync(results, context.RequestAborted);
        var scores = await ScoresAsync(resolved, satisfaction, context.RequestAborted);
        var stylesheet = environment.WebRootFileProvider.GetFileInfo("admin.css") is { Exists: true } css
            ? await new StreamReader(css.CreateReadStream()).ReadToEndAsync(context.RequestAborted)
            : "";
        var round = await rounds.ForAsync(resolved.Questionnaire, resolved.Filter, context.RequestAborted);
        var contents = new ReportBundle.Contents(analysis, scores, clock.GetUtcNow(), stylesheet, round);
        return await RecordedAttachmentAsync(context, resolved.Scope.FileName(contents.GeneratedAt, "report.zip"), ReportBundle.ContentType,
            (stream, cancellationToken) => ReportBundle.WriteAsync(stream, contents, cancellationToken));
    }

    /// <summary>Writes a file: its header block, then its tables.</summary>
    public delegate Task TableWriter(Stream stream, IReadOnlyList<string> about, IReadOnlyList<ExportTable> tables, CancellationToken cancellationToken);

    /// <summary>The responses themselves: the filters apply; the base and the break-down do not (no percentages, no groups).</summary>
    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> RawExport(
        OrganiserQuery query, HttpContext context, QuestionnaireCatalog catalog, SurveyDbContext db, AnswerLayouts layouts,
        TimeProvider clock, string kind, string contentType, TableWriter write)
    {
        if (!(query with { Basis = null, By = null }).TryResolve(catalog, out var resolved, out var problem)) return problem;
        var table = RawResponseTable.Create(db, await layouts.GetAsync(resolved.Questionnaire, context.RequestAborted), resolved.Filter);
        var scope = new ResultsScope(resolved.Questionnaire, resolved.Filter);
        var now = clock.GetUtcNow();
        return await RecordedAttachmentAsync(context, scope.FileName(now, kind), contentType,
            (stream, cancellationToken) => write(stream, scope.HeaderLines(now), [table], cancellationToken));
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Tallies(
        OrganiserQuery query, HttpContext context, QuestionnaireCatalog catalog, ResultsService results,
        SatisfactionService satisfaction, RoundReports rounds, TimeProvider clock, string kind, string contentType, TableWriter write)
    {
        if (!query.TryResolve(catalog, out var resolved, out var problem)) return problem;
        var analysis = await resolved.AnalyseAsync(results, context.RequestAborted);
        var tables = TallyTables.Build(analysis, await ScoresAsync(resolved, satisfaction, context.RequestAborted),
            await rounds.ForAsync(resolved.Questionnaire, resolved.Filter, context.RequestAborted));
        var scope = resolved.Scope;
        var now = clock.GetUtcNow();
        return await RecordedAttachmentAsync(context, scope.FileName(now, kind), contentType,
            (stream, cancellationToken) => write(stream, scope.HeaderLines(now, analysis.Counts.Responses), tables, cancellationToken));
    }

    /// <summary>The satisfaction indices under the same filters and break-down, for a scored questionnaire.</summary>
    public static async Task<SatisfactionAnalysis?> ScoresAsync(ResolvedQuery query, SatisfactionService satisfaction, CancellationToken cancellationToken) =>
        query.Questionnaire.HasScoredItems ? await query.SatisfactionAsync(satisfaction, cancellationToken) : null;

    /// <summary>
    /// <see cref="Attachment"/>, recorded first in the audit log (<see cref="Audit.AuditActions.Downloaded"/>: the file,
    /// its name and the query string, i.e. the filters) under the questionnaire of the route.
    /// </summary>
    public static async Task<PushStreamHttpResult> RecordedAttachmentAsync(HttpContext context, string fileName, string contentType, Func<Stream, CancellationToken, Task> write)
    {
        await context.RequestServices.GetRequiredService<Audit.AuditLog>().AppendAsync(context.User, Audit.AuditActions.Downloaded,
            context.GetRouteValue("id") as string, new { file = Path.GetFileName(context.Request.Path.Value), fileName, query = context.Request.QueryString.Value },
            context.RequestAborted);
        return Attachment(context, fileName, contentType, write);
    }

    /// <summary>
    /// A download written to the response body as it is produced (CSV and ZIP directly, XLSX through a temporary file;
    /// never held in memory), as an attachment with nosniff. The file name goes out as an ASCII <c>filename</c> and a
    /// UTF-8 <c>filename*</c> (RFC 6266 / RFC 5987).
    /// </summary>
    public static PushStreamHttpResult Attachment(HttpContext context, string fileName, string contentType, Func<Stream, CancellationToken, Task> write)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(stream => write(stream, context.RequestAborted), contentType, fileName);
    }
}
