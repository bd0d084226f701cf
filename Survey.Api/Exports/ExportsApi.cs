using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Survey.Api.Auth;
using Survey.Api.Infrastructure;
using Survey.Core.Questionnaires;
using Survey.Api.Results;

namespace Survey.Api.Exports;

/// <summary>
/// Organiser downloads, each honouring the filters <c>from</c>, <c>to</c>, <c>where=question:option</c>: raw responses
/// and tallies as CSV and XLSX, and the report bundle. Attachments named after questionnaire and date, nosniff,
/// written to the response body as they are produced.
/// </summary>
public static class ExportsApi
{
    public static RouteGroupBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/questionnaires").WithTags("Downloads").RequireAuthorization(OrganiserPolicy.Name);
        api.MapGet("/{id}/export.csv", ExportCsv).WithName(nameof(ExportCsv)).Produces(200, contentType: CsvTableWriter.ContentType);
        api.MapGet("/{id}/export.xlsx", ExportXlsx).WithName(nameof(ExportXlsx)).Produces(200, contentType: XlsxTableWriter.ContentType);
        api.MapGet("/{id}/tallies.csv", TalliesCsv).WithName(nameof(TalliesCsv)).Produces(200, contentType: CsvTableWriter.ContentType);
        api.MapGet("/{id}/tallies.xlsx", TalliesXlsx).WithName(nameof(TalliesXlsx)).Produces(200, contentType: XlsxTableWriter.ContentType);
        api.MapGet("/{id}/report.zip", ReportZip).WithName(nameof(ReportZip)).Produces(200, contentType: ReportBundle.ContentType);
        return api;
    }

    public static Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportCsv(
        string id, string? from, string? to, string[]? where, string? round, HttpContext context, QuestionnaireCatalog catalog, SurveyDbContext db, AnswerLayouts layouts, TimeProvider clock) =>
        RawExport(id, from, to, where, round, context, catalog, db, layouts, clock, "export.csv", CsvTableWriter.ContentType, CsvTableWriter.WriteAsync);

    public static Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportXlsx(
        string id, string? from, string? to, string[]? where, string? round, HttpContext context, QuestionnaireCatalog catalog, SurveyDbContext db, AnswerLayouts layouts, TimeProvider clock) =>
        RawExport(id, from, to, where, round, context, catalog, db, layouts, clock, "export.xlsx", XlsxTableWriter.ContentType, XlsxTableWriter.WriteAsync);

    public static Task<Results<PushStreamHttpResult, ProblemHttpResult>> TalliesCsv(
        string id, string? from, string? to, string[]? where, string? round, [FromQuery(Name = "base")] string? basis, string? by,
        HttpContext context, QuestionnaireCatalog catalog, ResultsService results, TimeProvider clock) =>
        Tallies(id, new(from, to, where, basis, by, round), context, catalog, results, clock, "tallies.csv", CsvTableWriter.ContentType, CsvTableWriter.WriteAsync);

    public static Task<Results<PushStreamHttpResult, ProblemHttpResult>> TalliesXlsx(
        string id, string? from, string? to, string[]? where, string? round, [FromQuery(Name = "base")] string? basis, string? by,
        HttpContext context, QuestionnaireCatalog catalog, ResultsService results, TimeProvider clock) =>
        Tallies(id, new(from, to, where, basis, by, round), context, catalog, results, clock, "tallies.xlsx", XlsxTableWriter.ContentType, XlsxTableWriter.WriteAsync);

    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ReportZip(
        string id, string? from, string? to, string[]? where, string? round, [FromQuery(Name = "base")] string? basis, string? by,
        HttpContext context, QuestionnaireCatalog catalog, ResultsService results, SatisfactionService satisfaction,
        IWebHostEnvironment environment, TimeProvider clock)
    {
        var (analysis, problem) = await new ResultsParameters(from, to, where, basis, by, round).AnalyseAsync(id, catalog, results, context.RequestAborted);
        if (analysis is null) return problem!;
        var questionnaire = analysis.Questionnaire;
        var scores = questionnaire.HasScoredItems
            ? await satisfaction.ComputeAsync(questionnaire, analysis.Filter, analysis.By, context.RequestAborted)
            : null;
        var stylesheet = environment.WebRootFileProvider.GetFileInfo("admin.css") is { Exists: true } css
            ? await new StreamReader(css.CreateReadStream()).ReadToEndAsync(context.RequestAborted)
            : "";
        var contents = new ReportBundle.Contents(analysis, ResultsBuilder.Build(analysis), scores, clock.GetUtcNow(), stylesheet);
        return Attachment(context, DownloadName.For(id, contents.GeneratedAt, "report.zip"), ReportBundle.ContentType,
            (stream, cancellationToken) => ReportBundle.WriteAsync(stream, contents, cancellationToken));
    }

    private delegate Task TableWriter(Stream stream, IReadOnlyList<ExportTable> tables, CancellationToken cancellationToken);

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> RawExport(
        string id, string? from, string? to, string[]? where, string? round, HttpContext context, QuestionnaireCatalog catalog, SurveyDbContext db, AnswerLayouts layouts,
        TimeProvider clock, string kind, string contentType, TableWriter write)
    {
        var (questionnaire, query, problem) = new ResultsParameters(from, to, where, Round: round).Resolve(id, catalog);
        if (query is null) return problem!;
        var table = RawResponseTable.Create(db, await layouts.GetAsync(questionnaire!, context.RequestAborted), query.Filter);
        return Attachment(context, DownloadName.For(id, clock.GetUtcNow(), kind), contentType,
            (stream, cancellationToken) => write(stream, [table], cancellationToken));
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Tallies(
        string id, ResultsParameters parameters, HttpContext context, QuestionnaireCatalog catalog, ResultsService results,
        TimeProvider clock, string kind, string contentType, TableWriter write)
    {
        var (analysis, problem) = await parameters.AnalyseAsync(id, catalog, results, context.RequestAborted);
        if (analysis is null) return problem!;
        var tables = TallyTables.Build(ResultsBuilder.Build(analysis));
        return Attachment(context, DownloadName.For(id, clock.GetUtcNow(), kind), contentType,
            (stream, cancellationToken) => write(stream, tables, cancellationToken));
    }

    /// <summary>A download written straight to the response body (never buffered whole), as an attachment with nosniff.</summary>
    public static PushStreamHttpResult Attachment(HttpContext context, string fileName, string contentType, Func<Stream, CancellationToken, Task> write)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(stream => write(stream, context.RequestAborted), contentType, fileName);
    }
}
