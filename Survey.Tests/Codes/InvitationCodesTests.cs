using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Survey.Api.Codes;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Codes;

/// <summary>
/// Invitation codes end to end on each database: generated once (JSON, CSV), stored only as keyed hashes, one
/// submission per code (also under a concurrent race), clear Chinese refusals that store nothing, revocation, the
/// form's code field and the QR link, and no stored column linking a code to its response.
/// </summary>
public abstract class InvitationCodesTests(CodedApp app)
{
    private const string Api = $"/api/questionnaires/{CodedApp.Id}/responses";
    private const string Answer = """{"answers":{"community":["east-street"],"satisfied":["yes"]},"text":{"say":"路灯修好了"}}""";

    private readonly HttpClient organiser = app.CreateOrganiserClient();
    private readonly HttpClient resident = app.CreateClient(new() { AllowAutoRedirect = false });

    private async Task<List<string>> GenerateAsync(int count, string? tag = null)
    {
        var response = await organiser.PostAsJsonAsync($"/api/questionnaires/{CodedApp.Id}/codes", new { count, tag });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(count, body.GetProperty("count").GetInt32());
        return body.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();
    }

    private Task<HttpResponseMessage> SubmitAsync(string? code, string body = Answer, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Api) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (code is not null) request.Headers.Add(CodeRefusal.Header, code);
        return (client ?? resident).SendAsync(request);
    }

    private async Task<int> StoredAsync() => (await app.StoredAnswersAsync(CodedApp.Id)).Count;

    /// <summary>A refusal: the status, problem details with the stable rule and a Chinese message, nothing stored.</summary>
    private async Task AssertRefused(HttpResponseMessage response, HttpStatusCode status, string rule, string words, int storedBefore)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        var violation = Assert.Single(problem.RootElement.GetProperty("violations").EnumerateArray());
        Assert.Equal(rule, violation.GetProperty("rule").GetString());
        Assert.Equal(CodeRefusal.Field, violation.GetProperty("question").GetString());
        Assert.Contains(words, problem.RootElement.GetProperty("detail").GetString());
        Assert.Contains(words, problem.RootElement.GetProperty("errors").GetProperty(CodeRefusal.Field)[0].GetString());
        EnglishText.AssertNone(problem.RootElement.GetProperty("title").GetString()!, "the problem title");
        Assert.Equal(storedBefore, await StoredAsync());
    }

    [Fact]
    public async Task Codes_are_returned_once_as_json_or_csv_and_stored_only_as_keyed_hashes()
    {
        var codes = await GenerateAsync(50, "community:east-street");
        Assert.Equal(50, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{5}$", c));

        var csv = await organiser.PostAsJsonAsync($"/api/questionnaires/{CodedApp.Id}/codes?format=csv", new { count = 3 });
        Assert.Equal(HttpStatusCode.Created, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("code,tag", lines[0]);
        Assert.Equal(3, lines.Length - 1);
        var accept = new HttpRequestMessage(HttpMethod.Post, $"/api/questionnaires/{CodedApp.Id}/codes") { Content = JsonContent.Create(new { count = 2 }) };
        accept.Headers.Accept.ParseAdd("text/csv");
        Assert.Equal("text/csv", (await organiser.SendAsync(accept)).Content.Headers.ContentType?.MediaType);

        // Nothing in the table holds a code in any form: only 64-hex-digit hashes, keyed (not the plain SHA-256).
        var rows = await ReadTableAsync("invitation_codes");
        var everything = string.Join("|", rows.SelectMany(r => r.Values));
        foreach (var code in codes)
        {
            Assert.DoesNotContain(code, everything);
            Assert.DoesNotContain(code.Replace("-", ""), everything);
            var plainHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{CodedApp.Id}:{code.Replace("-", "")}")));
            Assert.DoesNotContain(plainHash, everything);
        }
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{64}$", r["Hash"]));

        var counts = await organiser.GetFromJsonAsync<JsonElement>($"/api/questionnaires/{CodedApp.Id}/codes");
        Assert.Contains(counts.GetProperty("tags").EnumerateArray(), t => t.GetProperty("tag").GetString() == "community:east-street" && t.GetProperty("total").GetInt32() >= 50);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(2001, null)]
    [InlineData(5, "community")]
    [InlineData(5, "community:nowhere")]
    [InlineData(5, "say:anything")]
    public async Task A_bad_count_or_tag_is_refused_in_chinese(int count, string? tag)
    {
        var response = await organiser.PostAsJsonAsync($"/api/questionnaires/{CodedApp.Id}/codes", new { count, tag });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        EnglishText.AssertNone((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!, "the problem detail");
    }

    [Fact]
    public async Task An_open_questionnaire_has_no_codes_and_residents_cannot_generate_any()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.PostAsJsonAsync("/api/questionnaires/grassroots-service/codes", new { count = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await resident.PostAsJsonAsync($"/api/questionnaires/{CodedApp.Id}/codes", new { count = 5 })).StatusCode);
    }

    [Fact]
    public async Task A_code_submits_once_and_used_unknown_revoked_missing_or_malformed_codes_store_nothing()
    {
        var codes = await GenerateAsync(3);
        var before = await StoredAsync();
        // Typed in lower case without the dash: accepted.
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(codes[0].Replace("-", "").ToLowerInvariant())).StatusCode);
        Assert.Equal(before + 1, await StoredAsync());

        await AssertRefused(await SubmitAsync(codes[0]), HttpStatusCode.Conflict, "invitation-code-used", "只能提交一次", before + 1);
        await AssertRefused(await SubmitAsync("ZZZZ-ZZZZZ"), HttpStatusCode.Forbidden, "invitation-code-unknown", "没有这个邀请码", before + 1);
        await AssertRefused(await SubmitAsync(null), HttpStatusCode.BadRequest, "invitation-code-required", "请输入邀请条上的邀请码", before + 1);
        await AssertRefused(await SubmitAsync("ABCD-0000O"), HttpStatusCode.BadRequest, "invitation-code-malformed", "9位字母和数字", before + 1);

        var revoked = await organiser.DeleteAsync($"/api/questionnaires/{CodedApp.Id}/codes/{codes[1]}");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await AssertRefused(await SubmitAsync(codes[1]), HttpStatusCode.Forbidden, "invitation-code-revoked", "已被组织者作废", before + 1);
        // A used code cannot be revoked (its response stays counted); an unknown one is 404.
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.DeleteAsync($"/api/questionnaires/{CodedApp.Id}/codes/{codes[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.DeleteAsync($"/api/questionnaires/{CodedApp.Id}/codes/ZZZZ-ZZZZZ")).StatusCode);

        // An open questionnaire ignores the header and does not use the code up.
        var open = new HttpRequestMessage(HttpMethod.Post, "/api/questionnaires/grassroots-service/responses")
        {
            Content = new StringContent("""{"answers":{"identity":["resident"]}}""", Encoding.UTF8, "application/json"),
        };
        open.Headers.Add(CodeRefusal.Header, codes[2]);
        Assert.Equal(HttpStatusCode.Created, (await resident.SendAsync(open)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(codes[2])).StatusCode);
    }

    [Fact]
    public async Task Invalid_answers_do_not_use_up_the_code()
    {
        var code = (await GenerateAsync(1))[0];
        var invalid = await SubmitAsync(code, """{"answers":{"satisfied":["yes"]}}"""); // the required community is missing
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(code)).StatusCode);
    }

    [Fact]
    public async Task Concurrent_submissions_with_one_code_store_exactly_one()
    {
        var code = (await GenerateAsync(1))[0];
        var other = (await GenerateAsync(1))[0];
        var before = await StoredAsync();
        // 12 at once with the same code, plus one with its own code that shares their batches and must not suffer.
        var racing = Enumerable.Range(0, 12).Select(_ => SubmitAsync(code)).Append(SubmitAsync(other)).ToList();
        var responses = await Task.WhenAll(racing);
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.Created, statuses[^1]);
        Assert.Equal(11, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(before + 2, await StoredAsync());
    }

    [Fact]
    public async Task The_form_takes_the_code_from_the_qr_link_and_refuses_a_used_code_beside_the_field()
    {
        var code = (await GenerateAsync(1))[0];
        var page = await resident.GetStringAsync($"/q/{CodedApp.Id}?code={code.Replace("-", "").ToLowerInvariant()}");
        Assert.Contains($"""name="invitation-code" value="{code}" """, page);
        Assert.DoesNotContain("code=", await resident.GetStringAsync($"/q/{CodedApp.Id}")); // no code in the page without one

        FormUrlEncodedContent Form(string? typed) => new([new("a:community", "west-street"), new("invitation-code", typed ?? "")]);
        var before = await StoredAsync();
        var missing = await resident.PostAsync($"/q/{CodedApp.Id}", Form(null));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains(CodeRefusal.Required.Message, await missing.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.SeeOther, (await resident.PostAsync($"/q/{CodedApp.Id}", Form(code))).StatusCode);
        var again = await resident.PostAsync($"/q/{CodedApp.Id}", Form(code));
        var html = await again.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(CodeRefusal.Used.Message, html);
        Assert.Contains("""<input type="radio" id="q-community-west-street" name="a:community" value="west-street" checked>""", html); // answers kept
        Assert.Equal(before + 1, await StoredAsync());
    }

    [Fact]
    public async Task The_slips_page_generates_and_revokes_with_an_anti_forgery_token_and_never_shows_a_code_again()
    {
        var browser = new OrganiserBrowser(app, "10.0.0.7");
        await browser.SignInAsync(null, SurveyAppFactory.OrganiserToken);
        var slips = $"/admin/q/{CodedApp.Id}/slips";
        var manage = await browser.Client.GetStringAsync(slips);
        Assert.Contains("东街社区（您所在的社区）", manage);

        // Without the token: refused, nothing generated.
        var before = await ReadTableAsync("invitation_codes");
        var forged = await browser.Client.PostAsync(slips, new FormUrlEncodedContent([new("count", "3")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(before.Count, (await ReadTableAsync("invitation_codes")).Count);

        var sheet = await browser.Client.PostAsync(slips, new FormUrlEncodedContent(
            [OrganiserBrowser.AntiforgeryField(manage), new("count", "3"), new("tag", "community:west-street")]));
        var html = await sheet.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        var codes = System.Text.RegularExpressions.Regex.Matches(html, """<p class="slip-code">([2-9A-Z]{4}-[2-9A-Z]{5})</p>""").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, codes.Count);
        Assert.Contains($"{CodedApp.PublicBaseAddress}/q/{CodedApp.Id}", html);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(html, "<svg").Count);
        // The management page afterwards shows counts, never the codes.
        manage = await browser.Client.GetStringAsync(slips);
        Assert.DoesNotContain(codes[0], manage);

        var revoke = await browser.Client.PostAsync($"/admin/q/{CodedApp.Id}/codes/revoke",
            new FormUrlEncodedContent([OrganiserBrowser.AntiforgeryField(manage), new("code", codes[0].ToLowerInvariant())]));
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Contains("邀请码已作废", await browser.Client.GetStringAsync(revoke.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.Forbidden, (await SubmitAsync(codes[0])).StatusCode);

        var group = await browser.Client.PostAsync($"/admin/q/{CodedApp.Id}/codes/revoke",
            new FormUrlEncodedContent([OrganiserBrowser.AntiforgeryField(manage), new("tag", "community:west-street")]));
        Assert.Contains("已作废“西街社区”组中", await browser.Client.GetStringAsync(group.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.Forbidden, (await SubmitAsync(codes[1])).StatusCode);

        // The audit log records who generated and revoked how many codes of which group, never a code.
        var log = (await ReadTableAsync("audit_log")).Where(e => e["Target"] == CodedApp.Id).ToList();
        Assert.Contains(log, e => e["Action"] == "codes.generated" && e["Details"] == """{"count":3,"tag":"community:west-street"}""" && e["Actor"] == "token");
        Assert.Contains(log, e => e["Action"] == "codes.revoked" && e["Details"] == """{"count":1}""");
        Assert.Contains(log, e => e["Action"] == "codes.revoked" && e["Details"] == """{"count":2,"tag":"community:west-street"}""");
        var everything = string.Join("|", (await ReadTableAsync("audit_log")).SelectMany(e => e.Values));
        foreach (var code in codes) Assert.DoesNotContain(code.Replace("-", ""), everything.Replace("-", ""));
    }

    [Fact]
    public async Task No_stored_column_links_a_code_to_its_response()
    {
        var code = (await GenerateAsync(1, "community:west-street"))[0];
        var posted = await SubmitAsync(code);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var responseId = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // The code table has exactly these columns: no response id, no time of use (only the day it was generated).
        var codeRow = Assert.Single((await ReadTableAsync("invitation_codes")).Where(r => r["Tag"] == "community:west-street" && r["Used"] is "True" or "1"));
        Assert.Equal(["CreatedOn", "Hash", "QuestionnaireId", "Revoked", "Tag", "Used"], codeRow.Keys.Order(StringComparer.Ordinal));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}( 00:00:00(\.0+)?)?$", codeRow["CreatedOn"]);

        // The response's row and texts hold nothing of the code: no column about codes, no value equal to the code,
        // its hash or its tag; and the code row holds no value of the response (id, number, time).
        var responseRow = Assert.Single((await ReadTableAsync("responses")).Where(r => string.Equals(r["Id"], responseId.ToString(), StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(responseRow.Keys, k => k.Contains("code", StringComparison.OrdinalIgnoreCase) || k.Contains("invitation", StringComparison.OrdinalIgnoreCase)
                                                     || k.Contains("hash", StringComparison.OrdinalIgnoreCase) || k.Contains("tag", StringComparison.OrdinalIgnoreCase));
        var responseValues = responseRow.Values.Concat((await ReadTableAsync("response_texts")).Where(t => string.Equals(t["ResponseId"], responseId.ToString(), StringComparison.OrdinalIgnoreCase)).SelectMany(t => t.Values)).ToList();
        foreach (var codeValue in new[] { code, code.Replace("-", ""), codeRow["Hash"], codeRow["Tag"] })
            Assert.DoesNotContain(responseValues, v => v.Contains(codeValue, StringComparison.OrdinalIgnoreCase));
        foreach (var responseValue in new[] { responseRow["Id"], responseRow["SubmittedAt"] })
            Assert.DoesNotContain(codeRow.Values, v => v.Contains(responseValue, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(responseRow["Seq"], codeRow.Values);
        // No idempotency record was written for it (none was sent), and no other table mentions the code's hash.
        Assert.DoesNotContain(await ReadTableAsync("idempotency_keys"), r => r.Values.Contains(codeRow["Hash"]));
    }

    /// <summary>Every row of a table, column name → value as text (read with plain SQL, as someone with the database would).</summary>
    private Task<List<Dictionary<string, string>>> ReadTableAsync(string table) => app.QueryAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table}";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, string>>();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => Text(reader, i)));
        return rows;
    });

    private static string Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? "" : reader.GetValue(column) switch
    {
        byte[] bytes => Convert.ToHexString(bytes),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.ffffff"),
        DateOnly day => day.ToString("yyyy-MM-dd"),
        bool flag => flag ? "True" : "False",
        var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}

public sealed class InvitationCodesSqliteTests(CodedSqliteApp app) : InvitationCodesTests(app), IClassFixture<CodedSqliteApp>;

public sealed class InvitationCodesPostgresTests(CodedPostgresApp app) : InvitationCodesTests(app), IClassFixture<CodedPostgresApp>;
