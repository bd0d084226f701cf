using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Survey.Api.Model;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Entry;

/// <summary>
/// Typing in paper forms over HTTP (the page's plain POST, and the JSON answer /entry.js reads): the resident form's
/// validator, mode paper, the paper's own date, the anti-forgery token; and double entry: differences found exactly,
/// nothing counted before acceptance, acceptance writing exactly the agreed forms once.
/// </summary>
public abstract class DataEntryPagesTests(SurveyAppFactory app)
{
    private const string Id = "grassroots-service";
    private const string Entry = $"/admin/q/{Id}/entry";

    private async Task<(OrganiserBrowser Browser, string Page)> SignedInAsync(string path = Entry)
    {
        var browser = new OrganiserBrowser(app);
        await browser.SignInAsync(null, SurveyAppFactory.OrganiserToken);
        return (browser, await browser.Client.GetStringAsync(path));
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new(new[] { OrganiserBrowser.AntiforgeryField(page) }.Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    private Task<List<SurveyResponse>> PaperResponsesAsync() =>
        app.QueryAsync(db => db.Responses.AsNoTracking().Where(r => r.QuestionnaireId == Id && r.Mode == ResponseMode.Paper).ToListAsync());

    [Fact]
    public async Task A_typed_form_is_stored_as_paper_through_the_validator_and_a_wrong_one_comes_back_with_the_error_beside_its_question()
    {
        var (browser, page) = await SignedInAsync();
        Assert.Contains("<kbd>1</kbd>普通群众", page);
        Assert.Contains("/entry.js?v=", page);
        var before = (await PaperResponsesAsync()).Count;

        // Four problems ticked where at most three may be: refused, nothing stored, the answers kept on the page.
        var refused = await browser.Client.PostAsync(Entry, Form(page, ("key", "entry-test-1"), ("count", "0"), ("a:identity", "resident"),
            ("a:problems", "showing-off"), ("a:problems", "superficial"), ("a:problems", "no-lasting-mechanism"), ("a:problems", "other"), ("other:problems", "路灯不亮")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Matches("id=\"q-problems\"[^>]*>\\s*<legend>.*</legend>\\s*<p class=\"error\" id=\"q-problems-error\">[^<]*3", refusedPage.Replace("\n", " "));
        Assert.Contains("value=\"路灯不亮\"", refusedPage);
        Assert.Equal(before, (await PaperResponsesAsync()).Count);

        // Corrected, with the day written on the paper: stored as paper at noon Beijing time of that day; the count goes on.
        var stored = await browser.Client.PostAsync(Entry, Form(page, ("key", "entry-test-1"), ("count", "4"), ("filledOn", "2026-03-02"), ("a:identity", "resident"),
            ("a:problems", "showing-off"), ("a:problems", "other"), ("other:problems", "路灯不亮")));
        Assert.Equal(HttpStatusCode.Redirect, stored.StatusCode);
        Assert.StartsWith($"{Entry}?count=5&saved=", stored.Headers.Location!.OriginalString);
        var paper = await PaperResponsesAsync();
        var response = Assert.Single(paper, r => r.SubmittedAt == new DateTime(2026, 3, 2, 4, 0, 0));
        Assert.Equal(before + 1, paper.Count);
        var answers = await app.StoredResponseAsync(response.Id);
        Assert.Equal(["identity:resident", "problems:other", "problems:showing-off"], answers.Answers);
        Assert.Equal("路灯不亮", Assert.Single(answers.Texts).Text);

        // The same page sent again (same key): stored once.
        await browser.Client.PostAsync(Entry, Form(page, ("key", "entry-test-1"), ("count", "5"), ("filledOn", "2026-03-02"), ("a:identity", "resident"),
            ("a:problems", "showing-off"), ("a:problems", "other"), ("other:problems", "路灯不亮")));
        Assert.Equal(before + 1, (await PaperResponsesAsync()).Count);
    }

    [Fact]
    public async Task The_script_gets_json_errors_by_question_and_the_next_key()
    {
        var (browser, page) = await SignedInAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, Entry)
        {
            Content = Form(page, ("key", "entry-test-json"), ("count", "2"), ("a:identity", "member"), ("a:services-offered", "policy-advice")),
        };
        request.Headers.Accept.ParseAdd("application/json");
        var refused = await browser.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("saved").GetBoolean());
        Assert.Contains("仅限第1题", body.GetProperty("errors").GetProperty("services-offered")[0].GetString());

        request = new HttpRequestMessage(HttpMethod.Post, Entry) { Content = Form(page, ("key", "entry-test-json"), ("count", "2"), ("a:identity", "cadre"), ("a:services-offered", "policy-advice")) };
        request.Headers.Accept.ParseAdd("application/json");
        var saved = await (await browser.Client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(saved.GetProperty("saved").GetBoolean());
        Assert.Equal(3, saved.GetProperty("count").GetInt32());
        Assert.NotEqual("entry-test-json", saved.GetProperty("key").GetString());
    }

    [Fact]
    public async Task Without_the_form_token_or_signed_out_nothing_is_stored()
    {
        var before = (await PaperResponsesAsync()).Count;
        var (browser, _) = await SignedInAsync();
        var noToken = await browser.Client.PostAsync(Entry, new FormUrlEncodedContent([new("a:identity", "resident")]));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        var anonymous = await new OrganiserBrowser(app).Client.PostAsync(Entry, new FormUrlEncodedContent([new("a:identity", "resident")]));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/admin/sign-in", anonymous.Headers.Location!.PathAndQuery);
        Assert.Equal(before, (await PaperResponsesAsync()).Count);
    }

    [Fact]
    public async Task Double_entry_lists_the_differences_exactly_counts_nothing_before_acceptance_and_accepts_the_agreed_forms_once()
    {
        var (browser, batchesPage) = await SignedInAsync($"{Entry}/batches");
        var created = await browser.Client.PostAsync($"{Entry}/batches", Form(batchesPage, ("label", "东街社区 第3箱 <b>")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var batchPath = created.Headers.Location!.OriginalString;
        var batchId = Guid.Parse(batchPath.Split('/')[^1]);
        var responsesBefore = await app.QueryAsync(db => db.Responses.CountAsync(r => r.QuestionnaireId == Id));

        async Task EnterAsync(int copy, int number, params (string, string)[] answers)
        {
            var page = await browser.Client.GetStringAsync($"{Entry}?batch={batchId}&copy={copy}");
            var posted = await browser.Client.PostAsync($"{Entry}?batch={batchId}&copy={copy}",
                Form(page, [("batch", batchId.ToString()), ("copy", copy.ToString()), ("number", number.ToString()), ("key", $"k{copy}-{number}"), .. answers]));
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }
        // Copy A: three forms. Copy B: form 2 typed with a different problem, form 3 with another date; form 1 the same.
        await EnterAsync(1, 1, ("a:identity", "resident"), ("a:necessity", "very-necessary"));
        await EnterAsync(1, 2, ("a:identity", "cadre"), ("a:problems", "superficial"), ("a:services-offered", "policy-advice"));
        await EnterAsync(1, 3, ("a:identity", "member"), ("a:crucial-point", "other"), ("other:crucial-point", "多办实事"), ("filledOn", "2026-03-05"));
        await EnterAsync(2, 1, ("a:identity", "resident"), ("a:necessity", "very-necessary"));
        await EnterAsync(2, 2, ("a:identity", "cadre"), ("a:problems", "showing-off"), ("a:services-offered", "policy-advice"));
        await EnterAsync(2, 3, ("a:identity", "member"), ("a:crucial-point", "other"), ("other:crucial-point", "多办实事"), ("filledOn", "2026-03-06"));

        var comparison = await browser.Client.GetStringAsync(batchPath);
        Assert.Contains("东街社区 第3箱 &lt;b&gt;", comparison);
        Assert.Contains("甲录 3 份 · 乙录 3 份 · 不一致 2 处", comparison);
        Assert.Matches("<td class=\"number\">2</td><td>第9题 [^<]*</td><td>不深入，蜻蜓点水</td><td>存在作秀现象</td>", comparison);
        Assert.Matches("<td class=\"number\">3</td><td>填写日期</td><td>2026-03-05</td><td>2026-03-06</td>", comparison);
        Assert.Equal(responsesBefore, await app.QueryAsync(db => db.Responses.CountAsync(r => r.QuestionnaireId == Id)));

        // Accepting with differences is refused and writes nothing.
        var early = await browser.Client.PostAsync($"{batchPath}/accept", Form(comparison));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(responsesBefore, await app.QueryAsync(db => db.Responses.CountAsync(r => r.QuestionnaireId == Id)));

        // Resolve: form 2 as B typed it (the paper said 存在作秀现象), form 3's date as A typed it.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.PostAsync($"{batchPath}/resolve", Form(comparison, ("form", "2"), ("question", "problems"), ("take", "2")))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.PostAsync($"{batchPath}/resolve", Form(comparison, ("form", "3"), ("question", ""), ("take", "1")))).StatusCode);
        comparison = await browser.Client.GetStringAsync(batchPath);
        Assert.Contains("不一致 0 处", comparison);
        Assert.Equal(responsesBefore, await app.QueryAsync(db => db.Responses.CountAsync(r => r.QuestionnaireId == Id)));

        var accepted = await browser.Client.PostAsync($"{batchPath}/accept", Form(comparison));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var again = await browser.Client.PostAsync($"{batchPath}/accept", Form(comparison));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var written = await app.QueryAsync(db => db.Responses.AsNoTracking().Where(r => r.QuestionnaireId == Id).OrderBy(r => r.Seq).Skip(responsesBefore).ToListAsync());
        Assert.Equal(3, written.Count);
        Assert.All(written, r => Assert.Equal(ResponseMode.Paper, r.Mode));
        var stored = new List<StoredResponse>();
        foreach (var response in written) stored.Add(await app.StoredResponseAsync(response.Id));
        Assert.Equal(["identity:resident", "necessity:very-necessary"], stored[0].Answers);
        Assert.Equal(["identity:cadre", "problems:showing-off", "services-offered:policy-advice"], stored[1].Answers);
        Assert.Equal(["crucial-point:other", "identity:member"], stored[2].Answers);
        Assert.Equal("多办实事", Assert.Single(stored[2].Texts).Text);
        Assert.Equal(new DateTime(2026, 3, 5, 4, 0, 0), written[2].SubmittedAt);
        Assert.Equal(0, await app.QueryAsync(db => db.EntryForms.CountAsync(f => f.BatchId == batchId)));
        var batch = await app.QueryAsync(db => db.EntryBatches.AsNoTracking().SingleAsync(b => b.Id == batchId));
        Assert.Equal(3, batch.AcceptedCount);
        // The audit log: created, three forms per copy, compared, corrected twice, accepted; never an answer.
        var audit = await app.QueryAsync(db => db.AuditLog.AsNoTracking().Where(e => e.Details != null && e.Details.Contains("东街社区 第3箱")).OrderBy(e => e.Seq).ToListAsync());
        Assert.Equal(1, audit.Count(e => e.Action == "entry.batch-created"));
        Assert.Equal(6, audit.Count(e => e.Action == "entry.created"));
        Assert.Equal(2, audit.Count(e => e.Action == "entry.batch-corrected"));
        Assert.Contains("\"count\":3", Assert.Single(audit, e => e.Action == "entry.batch-accepted").Details);
        Assert.All(audit, e => Assert.DoesNotContain("showing-off", e.Details));
        Assert.All(audit, e => Assert.DoesNotContain("多办实事", e.Details));
        Assert.NotNull(batch.AcceptedAt);
    }
}

public sealed class DataEntryPagesSqliteTests(SqliteApp app) : DataEntryPagesTests(app), IClassFixture<SqliteApp>;

public sealed class DataEntryPagesPostgresTests(PostgresApp app) : DataEntryPagesTests(app), IClassFixture<PostgresApp>;
