using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Codes;
using Survey.Api.Model;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Codes;

/// <summary>
/// Paper copies with invitation codes (issue 12 §3): printed from the slips page, one code per copy; typed in on the
/// entry screen with the code, which is claimed with the response; a used code is refused in Chinese, storing nothing.
/// </summary>
public abstract class PaperCopiesTests(CodedApp app)
{
    private const string Entry = $"/admin/q/{CodedApp.Id}/entry";

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new(new[] { OrganiserBrowser.AntiforgeryField(page) }.Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    private Task<int> PaperResponsesAsync() =>
        app.QueryAsync(db => db.Responses.CountAsync(r => r.QuestionnaireId == CodedApp.Id && r.Mode == ResponseMode.Paper));

    private Task<int> UnusedCodesAsync() =>
        app.QueryAsync(db => db.InvitationCodes.CountAsync(c => c.QuestionnaireId == CodedApp.Id && !c.Used && !c.Revoked));

    private async Task<InvitationCode?> CodeRowAsync(string code)
    {
        var hash = await app.Services.GetRequiredService<InvitationCodeHasher>().HashAsync(CodedApp.Id, InvitationCodeFormat.Normalize(code)!, CancellationToken.None);
        return await app.QueryAsync(db => db.InvitationCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Hash == hash));
    }

    [Fact]
    public async Task Printed_copies_carry_distinct_codes_and_a_typed_copy_claims_its_code_once()
    {
        var browser = new OrganiserBrowser(app);
        await browser.SignInAsync(null, SurveyAppFactory.OrganiserToken);
        var slips = await browser.Client.GetStringAsync($"/admin/q/{CodedApp.Id}/slips");
        Assert.Contains("打印带邀请码的纸质问卷", slips);
        var unusedBefore = await UnusedCodesAsync();

        var printed = await browser.Client.PostAsync($"/admin/q/{CodedApp.Id}/paper-copies", Form(slips, ("count", "2"), ("tag", "")));
        Assert.Equal(HttpStatusCode.OK, printed.StatusCode);
        var html = await printed.Content.ReadAsStringAsync();
        var codes = Regex.Matches(html, "问卷编码：<strong>([2-9A-Z]{4}-[2-9A-Z]{5})</strong>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, codes.Count);
        Assert.Equal(2, codes.Distinct().Count());
        Assert.Equal(2, Regex.Matches(html, "<article class=\"sheet\">").Count);
        Assert.Equal(2, Regex.Matches(html, "<svg").Count);
        Assert.Equal(unusedBefore + 2, await UnusedCodesAsync());
        var log = await app.QueryAsync(db => db.AuditLog.AsNoTracking().Where(e => e.Target == CodedApp.Id && e.Action == "codes.generated").ToListAsync());
        Assert.Contains(log, e => e.Details!.Contains("\"count\":2"));

        // The entry screen of a questionnaire with codes asks for the code first.
        var page = await browser.Client.GetStringAsync(Entry);
        Assert.Contains("id=\"entry-code\"", page);
        Assert.Contains("问卷编码", page);
        var before = await PaperResponsesAsync();

        // Without a code: refused beside the field, nothing stored.
        var missing = await browser.Client.PostAsync(Entry, Form(page, ("key", "paper-code-0"), ("count", "0"), ("a:community", "east-street")));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Matches("id=\"entry-code-error\">问卷编码：请输入", await missing.Content.ReadAsStringAsync());
        Assert.Equal(before, await PaperResponsesAsync());

        // With the first copy's code, typed in lower case without the dash: one paper response, the code used.
        var stored = await browser.Client.PostAsync(Entry, Form(page, ("key", "paper-code-1"), ("count", "0"), ("invitation-code", codes[0].Replace("-", "").ToLowerInvariant()),
            ("a:community", "east-street"), ("a:satisfied", "yes")));
        Assert.Equal(HttpStatusCode.Redirect, stored.StatusCode);
        Assert.Equal(before + 1, await PaperResponsesAsync());
        Assert.True((await CodeRowAsync(codes[0]))!.Used);
        Assert.False((await CodeRowAsync(codes[1]))!.Used);

        // The same code again (another form, another key): refused with the Chinese message beside the field, nothing stored.
        var again = await browser.Client.PostAsync(Entry, Form(page, ("key", "paper-code-2"), ("count", "1"), ("invitation-code", codes[0]), ("a:community", "west-street")));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var againPage = await again.Content.ReadAsStringAsync();
        Assert.Contains($"id=\"entry-code-error\">问卷编码：{CodeRefusal.Used.Message}", againPage);
        Assert.Contains($"value=\"{codes[0]}\"", againPage);
        Assert.Equal(before + 1, await PaperResponsesAsync());

        // The script's JSON answer names the code field; an unknown code is refused the same way.
        var request = new HttpRequestMessage(HttpMethod.Post, Entry)
        {
            Content = Form(page, ("key", "paper-code-3"), ("count", "1"), ("invitation-code", "ABCD-EFGHJ"), ("a:community", "west-street")),
        };
        request.Headers.Accept.ParseAdd("application/json");
        var unknown = await browser.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        var body = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("saved").GetBoolean());
        Assert.Contains(CodeRefusal.Unknown.Message, body.GetProperty("errors").GetProperty(CodeRefusal.Field)[0].GetString());
        Assert.Equal(before + 1, await PaperResponsesAsync());
        Assert.Equal(unusedBefore + 1, await UnusedCodesAsync());
    }

    [Fact]
    public async Task A_questionnaire_without_codes_has_no_code_field_and_prints_no_coded_copies()
    {
        var browser = new OrganiserBrowser(app);
        await browser.SignInAsync(null, SurveyAppFactory.OrganiserToken);
        var page = await browser.Client.GetStringAsync("/admin/q/grassroots-service/entry");
        Assert.DoesNotContain("entry-code", page);
        Assert.DoesNotContain("问卷编码", page);
        var slips = await browser.Client.GetStringAsync("/admin/q/grassroots-service/slips");
        Assert.DoesNotContain("paper-copies", slips);
        var refused = await browser.Client.PostAsync("/admin/q/grassroots-service/paper-copies", Form(slips, ("count", "2")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.InvitationCodes.CountAsync(c => c.QuestionnaireId == "grassroots-service")));
    }
}

public sealed class PaperCopiesSqliteTests(CodedSqliteApp app) : PaperCopiesTests(app), IClassFixture<CodedSqliteApp>;

public sealed class PaperCopiesPostgresTests(CodedPostgresApp app) : PaperCopiesTests(app), IClassFixture<CodedPostgresApp>;
