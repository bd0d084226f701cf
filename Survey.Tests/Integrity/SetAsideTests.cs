using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Survey.Api.Audit;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Integrity;

/// <summary>
/// Flags computed from the database and set-asides on each database: a burst, an identical group and straight-liners
/// are flagged; setting the burst aside drops exactly its responses from the results and the export (recounted here
/// from the inserted answers) on this instance and on a second one, restoring brings them back, both are audited.
/// </summary>
public abstract class SetAsideTests(SurveyAppFactory app)
{
    private const string Id = "resident-satisfaction";
    private static readonly DateTime Start = new(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Items =
        ["strong-leadership", "capable-team", "service-venue", "service-carriers", "sound-institutions", "satisfying-results",
         "serve-reform", "serve-development", "serve-livelihood", "serve-residents", "serve-members"];
    private static readonly string[] Identities = ["resident", "member", "cadre"];
    private static readonly string[] Scale = ["satisfied", "basically-satisfied", "dissatisfied"];

    /// <summary>Answers that differ from row to row (period 12), with no item straight-lined.</summary>
    private static Dictionary<string, string[]> Varied(int i)
    {
        var answers = Items.Select((item, k) => (item, new[] { Scale[(i + k) % 3] })).ToDictionary(a => a.item, a => a.Item2);
        answers["identity"] = [Identities[i % 3]];
        answers["community"] = [new[] { "east-street", "west-street", "south-village", "north-village" }[i % 4]];
        return answers;
    }

    private static async Task<JsonElement> Results(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/questionnaires/{Id}/results");

    private static Dictionary<string, long> IdentityCounts(JsonElement results) =>
        results.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("questionId").GetString() == "identity")
            .GetProperty("options").EnumerateArray().ToDictionary(o => o.GetProperty("optionId").GetString()!, o => o.GetProperty("count").GetInt64());

    [Fact]
    public async Task A_burst_set_aside_leaves_every_result_and_export_on_both_instances_and_comes_back_when_restored()
    {
        var baseline = Enumerable.Range(0, 20).Select(i => (Start.AddMinutes(i), Varied(i))).ToList();
        var burst = Enumerable.Range(0, 12).Select(i => (Start.AddMinutes(30), Varied(i))).ToList();
        var straight = Enumerable.Range(0, 2).Select(i => (Start.AddMinutes(50 + 5 * i),
            Items.ToDictionary(item => item, _ => new[] { "satisfied" }).Append(new("identity", [Identities[i]])).ToDictionary())).ToList();
        var baselineIds = await app.InsertAsync(Id, baseline);
        var burstIds = await app.InsertAsync(Id, burst);
        await app.InsertAsync(Id, straight);
        // Three identical answers with the same text, within ten minutes (straight into the database: texts too).
        foreach (var minute in new[] { 40, 41, 45 })
        {
            var stored = await app.CreateClient().PostAsJsonAsync($"/api/questionnaires/{Id}/responses",
                new { answers = Varied(0), text = new Dictionary<string, string> { ["suggestions"] = "好" } });
            Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
            var id = (await stored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await app.QueryAsync(db => db.Responses.Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.SubmittedAt, Start.AddMinutes(minute))));
        }

        var organiser = app.CreateOrganiserClient();
        var flags = await organiser.GetFromJsonAsync<JsonElement>($"/api/questionnaires/{Id}/flags");
        var groups = flags.GetProperty("groups").EnumerateArray().ToList();
        var burstMinute = (int)(Start.AddMinutes(30) - new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalMinutes;
        Assert.Equal([("burst", 12), ("identical", 3), ("straight-line", 2)],
            groups.Select(g => (g.GetProperty("rule").GetString(), g.GetProperty("responses").GetInt32())));
        Assert.Equal($"burst:{burstMinute}", groups[0].GetProperty("key").GetString());
        Assert.Equal("提交激增", groups[0].GetProperty("label").GetString());
        Assert.Equal(Start.AddMinutes(40), groups[1].GetProperty("first").GetDateTime());
        Assert.Equal("2 份答卷的全部 11 道评分题都选了同一项（第 1 项：满意）。", groups[2].GetProperty("description").GetString());

        // A second instance on the same database, which has counted everything already (its memo must not survive the set-aside).
        await using var second = new SurveyAppFactory(app.Database) { OwnsDatabase = false };
        var secondOrganiser = second.CreateOrganiserClient();
        Assert.Equal(37, (await Results(secondOrganiser)).GetProperty("responses").GetInt64());

        var setAside = await organiser.PostAsJsonAsync($"/api/questionnaires/{Id}/set-asides", new { group = $"burst:{burstMinute}", reason = "同一分钟大量提交" });
        Assert.Equal(HttpStatusCode.Created, setAside.StatusCode);
        var setAsideId = (await setAside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"/api/questionnaires/{Id}/set-asides", new { group = $"burst:{burstMinute}" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.PostAsJsonAsync($"/api/questionnaires/{Id}/set-asides", new { group = "burst:1" })).StatusCode);

        // Recounted from the inserted answers: everything but the burst.
        var kept = baseline.Concat(straight).Select(r => r.Item2["identity"][0]).Concat(["resident", "resident", "resident"])
            .GroupBy(i => i).ToDictionary(g => g.Key, g => (long)g.Count());
        foreach (var client in new[] { organiser, secondOrganiser })
        {
            var results = await Results(client);
            Assert.Equal(25, results.GetProperty("responses").GetInt64());
            Assert.Equal(kept, IdentityCounts(results).Where(c => c.Value > 0).ToDictionary());
        }
        // Rounds read the same pass: the trend's and the league's n of the round drop too.
        var trend = await secondOrganiser.GetFromJsonAsync<JsonElement>($"/api/questionnaires/{Id}/trend?period=quarter");
        Assert.Equal(25, trend.GetProperty("rounds").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "2026-Q1").GetProperty("n").GetInt64());
        var league = await organiser.GetFromJsonAsync<JsonElement>($"/api/questionnaires/{Id}/league?by=community&round=2026-Q1");
        Assert.Equal(25, league.GetProperty("n").GetInt64());
        var export = await secondOrganiser.GetStringAsync($"/api/questionnaires/{Id}/export.csv");
        Assert.All(burstIds, id => Assert.DoesNotContain(id.ToString(), export));
        Assert.All(baselineIds, id => Assert.Contains(id.ToString(), export));
        var stillFlagged = (await secondOrganiser.GetFromJsonAsync<JsonElement>($"/api/questionnaires/{Id}/flags"));
        Assert.Equal(12, stillFlagged.GetProperty("setAsideResponses").GetInt32());
        Assert.Equal(12, stillFlagged.GetProperty("groups")[0].GetProperty("setAside").GetInt32());

        // A response arriving after the set-aside: both instances add it and still leave the burst out (the excluded rows'
        // bits are kept as rows are added, not recomputed from scratch).
        Assert.Equal(HttpStatusCode.Created, (await app.CreateClient().PostAsJsonAsync($"/api/questionnaires/{Id}/responses",
            new { answers = Varied(0) })).StatusCode);
        kept[Varied(0)["identity"][0]] = kept.GetValueOrDefault(Varied(0)["identity"][0]) + 1;
        foreach (var client in new[] { organiser, secondOrganiser })
        {
            var results = await Results(client);
            Assert.Equal(26, results.GetProperty("responses").GetInt64());
            Assert.Equal(kept, IdentityCounts(results).Where(c => c.Value > 0).ToDictionary());
        }

        // Restored on the second instance: the first counts everything again.
        Assert.Equal(HttpStatusCode.OK, (await secondOrganiser.PostAsync($"/api/questionnaires/{Id}/set-asides/{setAsideId}/restore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsync($"/api/questionnaires/{Id}/set-asides/{setAsideId}/restore", null)).StatusCode);
        Assert.Equal(38, (await Results(organiser)).GetProperty("responses").GetInt64());
        Assert.Contains(burstIds[0].ToString(), await organiser.GetStringAsync($"/api/questionnaires/{Id}/export.csv"));
        Assert.Equal(38, await app.QueryAsync(db => db.Responses.CountAsync(r => r.QuestionnaireId == Id))); // nothing was ever deleted

        var audited = await app.QueryAsync(db => db.AuditLog.Where(e => e.Target == Id && (e.Action == AuditActions.SetAside || e.Action == AuditActions.Restored))
            .OrderBy(e => e.Seq).ToListAsync());
        Assert.Equal([AuditActions.SetAside, AuditActions.Restored], audited.Select(e => e.Action));
        Assert.Contains("同一分钟大量提交", audited[0].Details);
        Assert.Contains("\"responses\":12", audited[1].Details);
    }

    [Fact]
    public async Task The_same_group_set_aside_at_once_on_two_instances_is_set_aside_once()
    {
        await using var database = app.Database.Kind == "postgres" ? await TestDatabase.CreatePostgresAsync() : TestDatabase.CreateSqlite();
        await using var first = new SurveyAppFactory(database) { OwnsDatabase = false };
        await using var second = new SurveyAppFactory(database) { OwnsDatabase = false };
        // Eleven responses in one minute and nothing before: above the floor of ten, a burst.
        await first.InsertAsync(Id, Enumerable.Range(0, 11).Select(i => (Start, Varied(i))));
        var group = (await first.CreateOrganiserClient().GetFromJsonAsync<JsonElement>($"/api/questionnaires/{Id}/flags"))
            .GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("rule").GetString() == "burst").GetProperty("key").GetString();

        var clients = new[] { first, second, first, second, first, second }.Select(f => f.CreateOrganiserClient()).ToList();
        var answers = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync($"/api/questionnaires/{Id}/set-asides", new { group })));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict],
            answers.Select(a => a.StatusCode).Order());
        Assert.Equal(1, await first.QueryAsync(db => db.SetAsides.CountAsync()));
        Assert.Equal(11, await first.QueryAsync(db => db.SetAsides.SelectMany(s => s.Responses).CountAsync()));
    }

    [Fact]
    public async Task The_dashboard_shows_the_flags_and_sets_a_group_aside_with_its_form()
    {
        var browser = new OrganiserBrowser(app);
        await browser.SignInAsync(null, SurveyAppFactory.OrganiserToken);
        // Eleven identical responses in one minute on another questionnaire (a burst and an identical group).
        await app.InsertAsync("grassroots-service", Enumerable.Range(0, 11).Select(_ =>
            (new DateTime(2026, 5, 1, 9, 0, 0, DateTimeKind.Utc), new Dictionary<string, string[]> { ["identity"] = ["cadre"] })));
        var page = await browser.Client.GetStringAsync("/admin/q/grassroots-service");
        Assert.Contains("异常提示", page);
        Assert.Contains("提交激增", page);
        Assert.Contains("相同答卷", page);
        var form = new FormUrlEncodedContent([OrganiserBrowser.AntiforgeryField(page[page.IndexOf("id=\"flags\"", StringComparison.Ordinal)..]),
            new("group", System.Text.RegularExpressions.Regex.Match(page, "name=\"group\" value=\"(burst:[0-9]+)\"").Groups[1].Value), new("reason", "<b>核查</b>")]);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.PostAsync("/admin/q/grassroots-service/set-asides", form)).StatusCode);
        page = await browser.Client.GetStringAsync("/admin/q/grassroots-service");
        Assert.Contains("当前有 11 份答卷被搁置", page);
        Assert.Contains("&lt;b&gt;核查&lt;/b&gt;", page);
        Assert.Contains("恢复计入", page);
        Assert.Equal(0, (await app.CreateOrganiserClient().GetFromJsonAsync<JsonElement>("/api/questionnaires/grassroots-service/results")).GetProperty("responses").GetInt64());
    }
}

public sealed class SetAsideSqliteTests(SqliteApp app) : SetAsideTests(app), IClassFixture<SqliteApp>;

public sealed class SetAsidePostgresTests(PostgresApp app) : SetAsideTests(app), IClassFixture<PostgresApp>;
