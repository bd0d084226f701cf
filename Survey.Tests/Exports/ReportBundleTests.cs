using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Analysis.Charts;
using Survey.Core.Questionnaires;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Exports;

/// <summary>The report bundle under a filter: charts (PNG + SVG) and tables whose counts equal the filtered counts in the database; a self-contained summary.</summary>
public abstract class ReportBundleTests(SurveyAppFactory app)
{
    private const string Id = "grassroots-service";

    [Fact]
    public async Task The_filtered_bundle_holds_charts_tables_and_a_self_contained_summary_with_the_database_counts()
    {
        var questionnaire = app.Services.GetRequiredService<QuestionnaireCatalog>().Find(Id)!;
        await Submissions.PostAllAsync(app.CreateClient(), Id, SyntheticResponses.Generate(questionnaire, 60, seed: 77));
        await Submissions.PostAsync(app.CreateClient(), Id, """{"answers":{"identity":["cadre"],"problems":["other"]},"otherText":{"problems":"<script>alert('x')</script>"}}""");

        var response = await app.CreateOrganiserClient().GetAsync($"/api/questionnaires/{Id}/report.zip?where=identity:cadre");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{Id}-{Survey.Core.Definitions.BeijingTime.DayOf(DateTime.UtcNow):yyyy-MM-dd}-身份=村(社区)“两委”干部-report.zip", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();

        // Counts under the filter, decoded from the stored rows.
        var cadres = (await app.StoredAnswersAsync(Id)).Where(r => r.Answers.GetValueOrDefault("identity")?.Contains("cadre") == true).ToList();
        var counts = cadres
            .SelectMany(r => r.Answers.SelectMany(a => a.Value.Select(o => (QuestionId: a.Key, OptionId: o))))
            .GroupBy(a => a).Select(g => new { g.Key.QuestionId, g.Key.OptionId, Count = g.LongCount() }).ToList();
        long Count(string question, string option) => counts.SingleOrDefault(c => c.QuestionId == question && c.OptionId == option)?.Count ?? 0;

        foreach (var question in questionnaire.Questions.Where(q => q.Type != QuestionType.Text))
        {
            Assert.Contains($"charts/{question.Id}.png", names);
            var png = Read(zip, $"charts/{question.Id}.png");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            var svg = System.Text.Encoding.UTF8.GetString(Read(zip, $"charts/{question.Id}.svg"));
            Assert.Contains("<svg", svg);
            // Every bar's value label carries the filtered count from the database.
            foreach (var option in question.OptionList.Where(o => Count(question.Id, o.Id) > 0))
                Assert.Contains($"({Count(question.Id, option.Id)})", svg);
        }

        var tallies = Downloads.ReadCsv(Read(zip, "tables/tallies.csv"));
        foreach (var row in tallies)
            Assert.Equal(Count(row["题目编号"], row["选项编号"]), long.Parse(row["人数"]));
        Assert.Equal(tallies.Count, Downloads.ReadXlsx(Read(zip, "tables/tallies.xlsx")).Single().Table("题号").Rows.Count);

        var summary = System.Text.Encoding.UTF8.GetString(Read(zip, "summary.html"));
        Assert.Contains("您的身份是＝村(社区)“两委”干部", summary);
        Assert.Contains("生成时间", summary);
        Assert.Contains("@page", summary); // A4 print rules travel with the page
        Assert.DoesNotContain("<script>alert", summary);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", summary);
        // Self-contained: every image is a data: URI, no stylesheet or script is fetched.
        var sources = Regex.Matches(summary, "src=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.StartsWith("data:image/png;base64,", s));
        Assert.DoesNotContain("<link", summary);
        Assert.Contains($"基数 n = {cadres.Count}", summary);
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

public sealed class ReportBundleSqliteTests(SqliteApp app) : ReportBundleTests(app), IClassFixture<SqliteApp>;

public sealed class ReportBundlePostgresTests(PostgresApp app) : ReportBundleTests(app), IClassFixture<PostgresApp>;
