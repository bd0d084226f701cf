using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MathNet.Numerics.Distributions;
using Survey.Api.Exports;
using Survey.Tests.TestSupport;
using static Survey.Tests.Rounds.RoundResponses;

namespace Survey.Tests.Rounds;

/// <summary>
/// The downloads of one round (<c>round=</c>): the league sheet in tallies.xlsx and in report.zip (the same rows as
/// <c>GET /league</c> and the hand-worked values of <see cref="RoundsApiTests"/>), and the bundle's one-page 测评通报
/// (bulletin.html) with the changes from the previous round and their tests, recomputed here from the counts.
/// On the responses of <see cref="RoundResponses"/> plus ten in 2025-Q3, so that 2025-Q4 falls.
/// </summary>
public abstract class RoundDownloadsTests(SurveyAppFactory app) : IAsyncLifetime
{
    /// <summary>2025-Q3: strong-leadership 满意 (100) × 8, 基本满意 (60) × 2 (index 92, all satisfied).</summary>
    private static readonly (string Rating, int Count)[] ThirdQuarter2025 = [("satisfied", 8), ("basically-satisfied", 2)];

    /// <summary>
    /// 2024-Q3 (21) → 2024-Q4 (19), scores of strong-leadership per community, for the organisations' changes:
    /// east 100×2, 60×3, 0×1 → 100×5, 60×1; west 100×3, 60×2 → 100×4, 60×1, 0×1; south 100×1, 60×4 → 100×3, 60×2;
    /// north 100×4, 60×1 → 100×1, 60×3, 0×1. (Withheld organisations are left out: 2026-Q1's bulletin.)
    /// </summary>
    private static readonly (string Community, double[] Third, double[] Fourth)[] Organisations2024 =
    [
        ("east-street", [100, 100, 60, 60, 60, 0], [100, 100, 100, 100, 100, 60]),
        ("west-street", [100, 100, 100, 60, 60], [100, 100, 100, 100, 60, 0]),
        ("south-village", [100, 60, 60, 60, 60], [100, 100, 100, 60, 60]),
        ("north-village", [100, 100, 100, 100, 60], [100, 60, 60, 60, 0]),
    ];

    private static string Rating(double score) => score switch { 100 => "satisfied", 60 => "basically-satisfied", _ => "dissatisfied" };

    public async Task InitializeAsync()
    {
        await StoreOnceAsync(app);
        if ((await app.RowCountsAsync()).Responses != Rows.Sum(r => r.Count)) return;
        await app.InsertAsync(Id, ThirdQuarter2025.SelectMany(r => Enumerable.Repeat(
            (new DateTime(2025, 8, 10, 2, 0, 0, DateTimeKind.Utc),
             new Dictionary<string, string[]> { ["identity"] = ["resident"], ["community"] = ["east-street"], [Item] = [r.Rating] }), r.Count)));
        await app.InsertAsync(Id, Organisations2024.SelectMany(o =>
            o.Third.Select(s => (new DateTime(2024, 8, 10, 2, 0, 0, DateTimeKind.Utc), o.Community, s))
                .Concat(o.Fourth.Select(s => (new DateTime(2024, 11, 10, 2, 0, 0, DateTimeKind.Utc), o.Community, s))))
            .Select(r => (r.Item1, new Dictionary<string, string[]> { ["identity"] = ["resident"], ["community"] = [r.Community], [Item] = [Rating(r.s)] })));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_league_sheet_of_a_round_holds_the_league_of_the_api_in_tallies_xlsx_and_in_the_report_bundle()
    {
        var organiser = app.CreateOrganiserClient();
        var league = await organiser.GetFromJsonAsync<JsonElement>($"/api/questionnaires/{Id}/league?round=2026-Q1");
        using var zip = new ZipArchive(new MemoryStream(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/report.zip?round=2026-Q1")));
        foreach (var workbook in new[] { await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/tallies.xlsx?round=2026-Q1"), Entry(zip, "tables/tallies.xlsx") })
        {
            var sheet = Downloads.ReadXlsx(workbook).Single(s => s.Rows[0].Count > 0 && s.Rows[0][0] == "群众满意度排名（按“您所在的村(社区)是”，2026年第一季度）");
            var (header, rows) = sheet.Table("名次");
            Assert.Equal(TallyTables.LeagueColumns.Select(c => c.Header), header);
            string Cell(List<string> row, string column) => row[header.IndexOf(column)];
            double Number(List<string> row, string column) => double.Parse(Cell(row, column), CultureInfo.InvariantCulture);
            var api = league.GetProperty("rows").EnumerateArray().ToList();
            Assert.Equal(api.Select(r => r.GetProperty("optionId").GetString()), rows.Select(r => Cell(r, "单位编号")));
            foreach (var (row, expected) in rows.Zip(api))
            {
                if (expected.GetProperty("status").ValueKind == JsonValueKind.String)
                {
                    Assert.Equal("样本不足", Cell(row, "答卷"));
                    Assert.Equal("", Cell(row, "名次"));
                    Assert.Equal("", Cell(row, "满意度指数(0–100)"));
                    continue;
                }
                Assert.Equal(expected.GetProperty("rank").GetInt32(), int.Parse(Cell(row, "名次")));
                Assert.Equal(expected.GetProperty("n").GetInt64(), long.Parse(Cell(row, "答卷")));
                Assert.Equal(expected.GetProperty("letters").GetString(), Cell(row, "差异分组"));
                // The JSON rounds to 2 decimals; the sheet holds the unrounded value (percentages as fractions).
                Assert.Equal(expected.GetProperty("index").GetDouble(), Number(row, "满意度指数(0–100)"), 0.0051);
                Assert.Equal(expected.GetProperty("ciLow").GetDouble(), Number(row, "95%置信区间下限"), 0.0051);
                Assert.Equal(expected.GetProperty("ciHigh").GetDouble(), Number(row, "95%置信区间上限"), 0.0051);
                Assert.Equal(expected.GetProperty("satisfiedRate").GetDouble(), 100 * Number(row, "满意率(%)"), 0.0051);
                Assert.Equal(expected.GetProperty("satisfiedCiLow").GetDouble(), 100 * Number(row, "满意率95%置信区间下限(%)"), 0.0051);
                Assert.Equal(expected.GetProperty("satisfiedCiHigh").GetDouble(), 100 * Number(row, "满意率95%置信区间上限(%)"), 0.0051);
            }
            // By hand (RoundsApiTests): east 100×5, 60×1 = 93.33, 6 of 6 satisfied; west 64, 4 of 5; south and north withheld.
            Assert.Equal((93.333333, 1.0), (Math.Round(Number(rows[0], "满意度指数(0–100)"), 6), Number(rows[0], "满意率(%)")));
            Assert.Equal((64.0, 0.8), (Number(rows[1], "满意度指数(0–100)"), Number(rows[1], "满意率(%)")));
            Assert.Contains(sheet.Rows, r => r.Count > 0 && r[0].StartsWith("2026年第一季度共 17 份答卷。"));
        }

        // Without a round there is no league sheet (the league is of one round), and no bulletin in the bundle.
        Assert.DoesNotContain(Downloads.ReadXlsx(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/tallies.xlsx")), s => s.Rows[0][0].Contains("排名"));
        using var plain = new ZipArchive(new MemoryStream(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/report.zip")));
        Assert.Null(plain.GetEntry(RoundBulletin.FileName));
    }

    [Fact]
    public async Task The_bulletin_of_a_round_gives_n_the_league_and_the_biggest_rises_with_their_tests()
    {
        var html = await BulletinAsync("2026-Q1");
        Assert.Contains("共收到 <strong>17</strong> 份答卷", html);
        Assert.Contains("群众满意度排名（按“您所在的村(社区)是”，2026年第一季度）", html);
        Assert.Contains("样本不足", html);

        // 2025-Q4 → 2026-Q1, strong-leadership (the only rated item): index 64 → 83.75, satisfied 8/10 → 15/16.
        double[] q4 = [.. Enumerable.Repeat(100.0, 4), .. Enumerable.Repeat(60.0, 4), 0, 0];
        double[] q1 = [.. Enumerable.Repeat(100.0, 11), .. Enumerable.Repeat(60.0, 4), 0];
        var (t, df, p) = Welch(q4, q1);
        Assert.Equal((1.396, 15.1, 0.1828), (Math.Round(t, 3), Math.Round(df, 1), Math.Round(p, 4))); // scipy, as in RoundsApiTests
        var rises = Between(html, "相比上升最多的三项", "</table>");
        Assert.Contains(Test("t", t, df, p), rises);
        var (z, pz) = Z(8, 10, 15, 16);
        Assert.Contains(Test("z", z, null, pz), rises);
        Assert.Equal(2, CountRows(rises));
        Assert.Contains("无显著变化", rises);
        Assert.Contains("下降最多的三项</h2><p class=\"muted\">无", html);
    }

    [Fact]
    public async Task The_bulletin_of_a_round_that_fell_lists_the_falls_with_their_tests_and_labels()
    {
        var html = await BulletinAsync("2025-Q4");
        Assert.Contains("共收到 <strong>10</strong> 份答卷", html);
        // 2025-Q3 → 2025-Q4: index 92 → 64 (Welch t), satisfied 10/10 → 8/10 (z with unpooled SE: only the second term).
        double[] q3 = [.. Enumerable.Repeat(100.0, 8), 60, 60];
        double[] q4 = [.. Enumerable.Repeat(100.0, 4), .. Enumerable.Repeat(60.0, 4), 0, 0];
        var (t, df, p) = Welch(q3, q4);
        var (z, pz) = Z(10, 10, 8, 10);
        var falls = Between(html, "相比下降最多的三项", "</table>");
        Assert.Equal(2, CountRows(falls));
        Assert.Contains(Test("t", t, df, p), falls);
        Assert.Contains(Test("z", z, null, pz), falls);
        Assert.Contains("-28.0", falls);
        Assert.Contains("-20.0", falls);
        Assert.Contains(p < 0.05 ? "显著下降" : "无显著变化", falls);
        Assert.Contains("上升最多的三项</h2><p class=\"muted\">无", html);
    }

    [Fact]
    public async Task The_bulletin_gives_the_organisations_biggest_rises_and_falls_with_welch_t_from_the_scores()
    {
        var html = await BulletinAsync("2024-Q4");
        Assert.Contains("共收到 <strong>22</strong> 份答卷", html);
        var section = System.Net.WebUtility.HtmlDecode(Between(html, "各单位满意度指数与2024年第三季度相比的变化", "</p>")); // "+" is written &#x2B;
        // Independently: mean, variance, Welch t and df by formula, p from MathNet's Student t; labels at 0.05.
        var expected = Organisations2024.Select(o => (o.Community, Before: o.Third.Average(), After: o.Fourth.Average(), Test: Welch(o.Third, o.Fourth))).ToList();
        Assert.Equal(4, expected.Count);
        var rises = Between(section, "<tbody class=\"rises\">", "</tbody>");
        var falls = Between(section, "<tbody class=\"falls\">", "</tbody>");
        string Label(string community) => community switch { "east-street" => "东街社区", "west-street" => "西街社区", "south-village" => "南村", _ => "北村" };
        string Line((string Community, double Before, double After, (double T, double Df, double P) Test) e) => string.Create(CultureInfo.InvariantCulture,
            $"""<tr><th scope="row">{Label(e.Community)}</th><td class="number">{e.Before:0.0}</td><td class="number">{e.After:0.0}</td><td class="number">{e.After - e.Before:+0.0;-0.0}</td><td>{Test("t", e.Test.T, e.Test.Df, e.Test.P)}</td><td class="{(e.Test.P < 0.05 ? "significant" : "")}">{(e.Test.P >= 0.05 ? "无显著变化" : e.After > e.Before ? "显著上升" : "显著下降")}</td></tr>""");
        // Rises biggest first (east +30.0, then south +16.0); falls biggest first (north -36.0, then west -7.3).
        var expectedRises = expected.Where(e => e.After > e.Before).OrderByDescending(e => e.After - e.Before).ToList();
        Assert.Equal(["east-street", "south-village"], expectedRises.Select(e => e.Community));
        Assert.Equal(string.Concat(expectedRises.Select(Line)), rises[(rises.IndexOf("</tr>", StringComparison.Ordinal) + 5)..^"</tbody>".Length]);
        var expectedFalls = expected.Where(e => e.After < e.Before).OrderBy(e => e.After - e.Before).ToList();
        Assert.Equal(["north-village", "west-street"], expectedFalls.Select(e => e.Community));
        Assert.Equal(string.Concat(expectedFalls.Select(Line)), falls[(falls.IndexOf("</tr>", StringComparison.Ordinal) + 5)..^"</tbody>".Length]);
        // By hand for east: 63.33 → 93.33, t = 1.830, df = 6.9 (Python statistics.variance, Welch–Satterthwaite).
        var east = expected[0].Test;
        Assert.Equal((1.830, 6.9), (Math.Round(east.T, 3), Math.Round(east.Df, 1)));
        Assert.Contains("各单位在2024年第三季度和本轮均有足够样本，都已比较。", section);

        // 2025-Q4 → 2026-Q1: only east is in both leagues (west had no responses in 2025-Q4, south and north are withheld).
        var q1 = System.Net.WebUtility.HtmlDecode(Between(await BulletinAsync("2026-Q1"), "各单位满意度指数与2025年第四季度相比的变化", "</p>"));
        Assert.Contains("西街社区、南村、北村在2025年第四季度或本轮样本不足（或无法检验），不比较。", q1);
        double[] east4 = [.. Enumerable.Repeat(100.0, 4), .. Enumerable.Repeat(60.0, 4), 0, 0], east1 = [.. Enumerable.Repeat(100.0, 5), 60];
        Assert.Contains(Line(("east-street", east4.Average(), east1.Average(), Welch(east4, east1))), q1);
        Assert.Contains("<tbody class=\"falls\"><tr class=\"group\"><th colspan=\"6\" scope=\"rowgroup\">下降最多的三个单位</th></tr><tr><td colspan=\"6\" class=\"muted\">无</td></tr></tbody>", q1);
    }

    private async Task<string> BulletinAsync(string round)
    {
        using var zip = new ZipArchive(new MemoryStream(await app.CreateOrganiserClient().GetByteArrayAsync($"/api/questionnaires/{Id}/report.zip?round={round}")));
        return Encoding.UTF8.GetString(Entry(zip, RoundBulletin.FileName));
    }

    /// <summary>Welch's t (later − earlier), Welch–Satterthwaite df and the two-sided p, from the scores themselves.</summary>
    private static (double T, double Df, double P) Welch(double[] earlier, double[] later)
    {
        static (double Mean, double Variance) Moments(double[] x) => (x.Average(), x.Sum(v => (v - x.Average()) * (v - x.Average())) / (x.Length - 1));
        var (m1, v1) = Moments(earlier);
        var (m2, v2) = Moments(later);
        double a = v1 / earlier.Length, b = v2 / later.Length;
        var t = (m2 - m1) / Math.Sqrt(a + b);
        var df = (a + b) * (a + b) / (a * a / (earlier.Length - 1) + b * b / (later.Length - 1));
        return (t, df, 2 * StudentT.CDF(0, 1, df, -Math.Abs(t)));
    }

    /// <summary>z = (p2 − p1) / √(p1(1−p1)/n1 + p2(1−p2)/n2), two-sided p.</summary>
    private static (double Z, double P) Z(int x1, int n1, int x2, int n2)
    {
        double p1 = (double)x1 / n1, p2 = (double)x2 / n2;
        var z = (p2 - p1) / Math.Sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        return (z, 2 * Normal.CDF(0, 1, -Math.Abs(z)));
    }

    /// <summary>The bulletin's wording of a test: "t = 1.396，df = 15.1，p=0.183".</summary>
    private static string Test(string statistic, double value, double? df, double p) => string.Create(CultureInfo.InvariantCulture,
        $"{statistic} = {value:0.000}{(df is { } d ? $"，df = {d:0.0}" : "")}，{(p < 0.001 ? "p<0.001" : $"p={p:0.000}")}");

    private static int CountRows(string table) => Between(table, "<tbody>", "</tbody>").Split("<tr>").Length - 1;

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"{start} not found");
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        return text[from..(to < 0 ? text.Length : to + end.Length)];
    }

    private static byte[] Entry(ZipArchive zip, string name)
    {
        using var stream = (zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"{name} missing")).Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

public sealed class RoundDownloadsSqliteTests(SqliteApp app) : RoundDownloadsTests(app), IClassFixture<SqliteApp>;

public sealed class RoundDownloadsPostgresTests(PostgresApp app) : RoundDownloadsTests(app), IClassFixture<PostgresApp>;
