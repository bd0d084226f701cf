using System.IO.Compression;
using Survey.Analysis.Charts;
using Survey.Api.Charts;
using Survey.Api.Organiser;
using Survey.Api.Results;
using Survey.Api.Rounds;

namespace Survey.Api.Exports;

/// <summary>
/// The report bundle (.zip), written entry by entry to the response body: every chart as PNG (800 px wide at 2×,
/// for print) and SVG, the tables as CSV and XLSX, and summary.html, a self-contained page (charts embedded as
/// data: URIs, tables with bases, tests, the filters applied and the generation time) that prints to A4; for one round of an
/// evaluated questionnaire also the league sheet and bulletin.html, the one-page 测评通报 (<see cref="RoundBulletin"/>).
/// </summary>
public static class ReportBundle
{
    public const string ContentType = "application/zip";
    public const int ChartWidth = 800;
    public const double PrintScale = 2;

    public sealed record Contents(QuestionnaireAnalysis Analysis, SatisfactionAnalysis? Scores, DateTimeOffset GeneratedAt, string Stylesheet, RoundReport? Round = null)
    {
        public ResultsScope Scope => ResultsScope.Of(Analysis);

        /// <summary>The header block of the bundle's tables and report.</summary>
        public IReadOnlyList<string> About => Scope.HeaderLines(GeneratedAt, Analysis.Counts.Responses);
    }

    public static async Task WriteAsync(Stream stream, Contents contents, CancellationToken cancellationToken)
    {
        // ZipArchive still makes a few small synchronous writes (entry headers); AsyncOnlyStream sends them on asynchronously.
        var body = new AsyncOnlyStream(stream);
        await using (var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
            await WriteEntriesAsync(zip, contents, cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    private static async Task WriteEntriesAsync(ZipArchive zip, Contents contents, CancellationToken cancellationToken)
    {
        var questionnaire = contents.Analysis.Questionnaire;

        var embedded = new Dictionary<string, string>();
        var charts = questionnaire.Questions.Where(q => q.Type != QuestionType.Text)
            .Select(q => (Key: q.Id, Build: (Func<RenderedChart>)(() => QuestionCharts.Create(contents.Analysis, q))))
            .ToList();
        if (contents.Scores is { } scores)
            charts.Insert(0, (QuestionnairePage.SatisfactionChart, () => SatisfactionCharts.Create(scores)));
        foreach (var (key, build) in charts)
        {
            var chart = build();
            var height = chart.SuggestedHeight;
            var png = chart.Png(ChartWidth, height, PrintScale);
            await AddAsync(zip, $"charts/{key}.png", s => s.WriteAsync(png, cancellationToken).AsTask(), cancellationToken);
            var svg = System.Text.Encoding.UTF8.GetBytes(chart.Svg(ChartWidth, height));
            await AddAsync(zip, $"charts/{key}.svg", s => s.WriteAsync(svg, cancellationToken).AsTask(), cancellationToken);
            embedded[key] = "data:image/png;base64," + Convert.ToBase64String(png);
        }

        var tables = TallyTables.Build(contents.Analysis, contents.Scores, contents.Round);
        await AddAsync(zip, "tables/tallies.csv", s => CsvTableWriter.WriteAsync(s, contents.About, tables, cancellationToken), cancellationToken);
        await AddAsync(zip, "tables/tallies.xlsx", s => XlsxTableWriter.WriteAsync(s, contents.About, tables, cancellationToken), cancellationToken);

        var summary = ReportSummary.Render(contents, key => embedded.GetValueOrDefault(key));
        await AddAsync(zip, "summary.html", s => s.WriteAsync(System.Text.Encoding.UTF8.GetBytes(summary.Value), cancellationToken).AsTask(), cancellationToken);
        if (contents.Round is { } round)
        {
            var bulletin = RoundBulletin.Render(contents, round);
            await AddAsync(zip, RoundBulletin.FileName, s => s.WriteAsync(System.Text.Encoding.UTF8.GetBytes(bulletin.Value), cancellationToken).AsTask(), cancellationToken);
        }
    }

    private static async Task AddAsync(ZipArchive zip, string name, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await write(stream);
    }
}
