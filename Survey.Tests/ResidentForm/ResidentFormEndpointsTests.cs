using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Model;
using Survey.Api.Security;
using Survey.Tests.TestSupport;

namespace Survey.Tests.ResidentForm;

/// <summary>
/// The resident pages over HTTP, without a browser: the form's HTML, the classic (no JavaScript) POST with the same
/// rules and storage as the JSON API, headers and static files. Run on each database
/// (<see cref="ResidentFormEndpointsSqliteTests"/>, <see cref="ResidentFormEndpointsPostgresTests"/>).
/// </summary>
public abstract partial class ResidentFormEndpointsTests(SurveyAppFactory app)
{
    private const string Grassroots = "/q/grassroots-service";
    private readonly HttpClient client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private Task<HttpResponseMessage> PostForm(string path, params (string Name, string Value)[] fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    private Task<HashSet<Guid>> ResponseIds() => app.QueryAsync(async db => (await db.Responses.Select(r => r.Id).ToListAsync()).ToHashSet());

    private async Task<StoredResponse> StoredBy(Func<Task> action)
    {
        var before = await ResponseIds();
        await action();
        var created = (await ResponseIds()).Except(before).ToList();
        Assert.Single(created);
        return await app.StoredResponseAsync(created[0]);
    }

    private static List<string> Chosen(StoredResponse response) => response.Answers;

    /// <summary>The HTML of one question's fieldset.</summary>
    private static string Fieldset(string html, string question)
    {
        var match = Regex.Match(html, $"<fieldset class=\"question\" id=\"q-{Regex.Escape(question)}\".*?</fieldset>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no fieldset for {question}");
        return match.Value;
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_list_links_every_open_questionnaire()
    {
        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(response);
        Assert.Contains("<a href=\"/q/grassroots-service\">基层服务型党组织建设调查问卷</a>", html);
        Assert.Contains("<a href=\"/q/resident-satisfaction\">基层服务型党组织群众满意度测评表</a>", html);
        Assert.Contains("<html lang=\"zh-CN\">", html);
    }

    [Fact]
    public async Task The_form_is_rendered_from_the_definition_with_each_rule_in_plain_chinese()
    {
        var response = await client.GetAsync(Grassroots);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("<h1>基层服务型党组织建设调查问卷</h1>", html);
        Assert.Contains("党的十八大提出", html);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html);
        // No inline script or style for the CSP to allow.
        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)", html);
        Assert.DoesNotContain("style=", html);
        Assert.DoesNotContain("<style", html);

        var identity = Fieldset(html, "identity");
        Assert.Contains("<legend><span class=\"number\">1.</span> 您的身份是 <span class=\"required\">必答</span></legend>", identity);
        Assert.Contains("（单选）", identity);
        Assert.Contains("<input type=\"radio\" id=\"q-identity-cadre\" name=\"a:identity\" value=\"cadre\"><label for=\"q-identity-cadre\">村(社区)“两委”干部</label>", identity);
        Assert.Contains("（可多选）", Fieldset(html, "satisfying-ways"));
        Assert.Contains("（可多选）", Fieldset(html, "unfavourable-factors"));
        var problems = Fieldset(html, "problems");
        Assert.Contains("（可多选，最多选择3项）", problems);
        Assert.DoesNotContain("必答", problems);
        Assert.Contains("type=\"checkbox\"", problems);
        Assert.Contains("<input type=\"text\" class=\"other-text\" id=\"q-problems-other-text\" name=\"other:problems\"", problems);
        Assert.Contains("（可多选，最多选择4项；仅限第1题选择“村(社区)“两委”干部”的人回答）", Fieldset(html, "services-offered"));
        // Question 7 prints no limit; the file's description (for organisers, not shown) explains the single choice.
        Assert.Contains("（单选）", Fieldset(html, "crucial-point"));
        Assert.DoesNotContain("Question 7 prints no limit", html);
        Assert.Equal(10, Regex.Matches(html, "<fieldset class=\"question\"").Count);

        var satisfaction = await client.GetStringAsync("/q/resident-satisfaction");
        var suggestions = Fieldset(satisfaction, "suggestions");
        Assert.Contains("（请填写，不超过500字）", suggestions);
        Assert.Contains("<textarea id=\"q-suggestions-text\" name=\"text:suggestions\" rows=\"5\" maxlength=\"500\">", suggestions);
        Assert.Contains("<label class=\"text-label\" for=\"q-suggestions-text\">", suggestions);

        var rules = await client.GetStringAsync("/q/test-rules");
        Assert.Contains("（可多选，最多选择3项；至少选择2项）", Fieldset(rules, "pick-two"));
        Assert.Contains("（单选；仅限第1题选择“丙”的人回答）", Fieldset(rules, "follow-up"));
        Assert.Contains("（请填写，不超过10字）", Fieldset(rules, "short"));
    }

    [Fact]
    public async Task An_unknown_questionnaire_is_a_404_page()
    {
        var response = await client.GetAsync("/q/no-such-survey");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("问卷不存在", await response.Content.ReadAsStringAsync());
        var post = await PostForm("/q/no-such-survey", ("a:identity", "resident"));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task A_classic_post_is_stored_with_exactly_the_chosen_options_and_redirects_to_the_thanks()
    {
        HttpResponseMessage? response = null;
        var stored = await StoredBy(async () => response = await PostForm(Grassroots,
            ("key", "form-key-1"), ("a:identity", "resident"), ("a:problems", "superficial"), ("a:problems", "other"),
            ("other:problems", "<script>alert(1)</script>"), ("other:satisfying-ways", ""), ("other:groups-in-need", ""),
            ("a:overall-view", "for-show")));
        Assert.Equal(HttpStatusCode.SeeOther, response!.StatusCode);
        Assert.Equal("/q/grassroots-service/thanks", response.Headers.Location?.ToString());
        Assert.Equal(["identity:resident", "overall-view:for-show", "problems:other", "problems:superficial"], Chosen(stored));
        Assert.Equal(["problems:other:<script>alert(1)</script>"], stored.Texts.Select(t => $"{t.QuestionId}:{t.OptionId}:{t.Text}"));

        var thanks = await client.GetAsync(response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, thanks.StatusCode);
        Assert.Contains("衷心感谢您的支持配合！", await thanks.Content.ReadAsStringAsync());
        AssertSecurityHeaders(thanks);
    }

    [Fact]
    public async Task An_over_limit_classic_post_comes_back_with_the_error_beside_the_question_the_answers_kept_and_nothing_stored()
    {
        var before = await app.RowCountsAsync();
        var response = await PostForm(Grassroots,
            ("key", "form-key-2"), ("a:identity", "member"), ("a:necessity", "worth-trying"),
            ("a:problems", "showing-off"), ("a:problems", "superficial"), ("a:problems", "no-lasting-mechanism"), ("a:problems", "other"),
            ("other:problems", "\"><script>alert(1)</script>"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await app.RowCountsAsync());

        var problems = Fieldset(html, "problems");
        Assert.Contains("aria-invalid=\"true\"", problems);
        Assert.Contains("<p class=\"error\" id=\"q-problems-error\">最多选择3项</p>", problems);
        foreach (var option in new[] { "showing-off", "superficial", "no-lasting-mechanism", "other" })
            Assert.Contains($"value=\"{option}\" checked>", problems);
        Assert.Contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"", problems);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("value=\"member\" checked>", Fieldset(html, "identity"));
        Assert.Contains("value=\"worth-trying\" checked>", Fieldset(html, "necessity"));
        Assert.Contains("<p class=\"error\" id=\"q-identity-error\" hidden></p>", Fieldset(html, "identity"));
        Assert.Contains("<a href=\"#q-problems\">第9题：最多选择3项</a>", html);
        // The page's key is kept: the corrected form is the same page's one submission.
        Assert.Contains("name=\"key\" value=\"form-key-2\"", html);
    }

    [Fact]
    public async Task Answering_a_hidden_question_is_refused_beside_it_not_silently_stored()
    {
        var before = await app.RowCountsAsync();
        var response = await PostForm(Grassroots, ("a:identity", "resident"), ("a:services-offered", "policy-advice"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("此题仅限第1题选择“村(社区)“两委”干部”的人回答，请不要作答", Fieldset(html, "services-offered"));
        Assert.Equal(before, await app.RowCountsAsync());

        // Only the "other" words of a hidden question: refused as well.
        var other = await PostForm(Grassroots, ("a:identity", "member"), ("other:services-offered", "帮忙"));
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("仅限第1题", Fieldset(await other.Content.ReadAsStringAsync(), "services-offered"));
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Theory]
    [InlineData("a:necessity=worth-trying", "identity", "此题为必答题，请作答")]
    [InlineData("a:identity=resident&a:identity=cadre", "identity", "只能选择1项")]
    [InlineData("a:identity=mayor", "identity", "没有编号为“mayor”的选项")]
    [InlineData("a:identity=resident&a:satisfying-ways=proxy-service&other:satisfying-ways=上门服务", "satisfying-ways", "请同时勾选“其他”")]
    [InlineData("a:identity=resident&text:identity=我是群众", "identity", "选择题")]
    public async Task A_classic_post_breaking_a_rule_is_refused_with_the_apis_message_beside_the_question(string body, string question, string message)
    {
        var before = await app.RowCountsAsync();
        var response = await client.PostAsync(Grassroots, new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Regex.Match(Fieldset(await response.Content.ReadAsStringAsync(), question), "<p class=\"error\"[^>]*>(.*?)</p>");
        Assert.Contains(message, error.Groups[1].Value);
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Fact]
    public async Task Unknown_fields_and_questions_are_refused_at_the_top_of_the_form()
    {
        var before = await app.RowCountsAsync();
        var response = await PostForm(Grassroots, ("a:identity", "resident"), ("mood", "happy"), ("a:mood", "happy"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("未知字段“mood”", html);
        Assert.Equal(before, await app.RowCountsAsync());
        var unknownQuestion = await PostForm(Grassroots, ("a:identity", "resident"), ("a:mood", "happy"));
        Assert.Contains("问卷中没有编号为“mood”的题目", await unknownQuestion.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Fact]
    public async Task The_same_form_posted_twice_stores_one_response_and_changed_answers_under_its_key_are_not_stored()
    {
        var key = "form-" + Guid.NewGuid().ToString("N");
        var stored = await StoredBy(async () =>
        {
            var first = await PostForm(Grassroots, ("key", key), ("a:identity", "cadre"), ("a:services-offered", "certificates"));
            var again = await PostForm(Grassroots, ("key", key), ("a:identity", "cadre"), ("a:services-offered", "certificates"));
            Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
            Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        });
        Assert.Equal(["identity:cadre", "services-offered:certificates"], Chosen(stored));

        var before = await app.RowCountsAsync();
        var changed = await PostForm(Grassroots, ("key", key), ("a:identity", "member"));
        var html = await changed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Contains("本页的答卷已经提交过", html);
        Assert.Contains("value=\"member\" checked>", Fieldset(html, "identity"));
        Assert.DoesNotContain($"value=\"{key}\"", html);
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Fact]
    public async Task Line_breaks_from_a_textarea_are_stored_as_one_character_each()
    {
        var items = new[] { "strong-leadership", "capable-team", "service-venue", "service-carriers", "sound-institutions", "satisfying-results",
                            "serve-reform", "serve-development", "serve-livelihood", "serve-residents", "serve-members" };
        var fields = new List<(string, string)> { ("a:identity", "resident"), ("a:community", "east-street") };
        fields.AddRange(items.Select(i => ("a:" + i, "basically-satisfied")));
        // 500 characters as the resident counts them, 499 + 1 line break; sent as CRLF by browsers.
        var words = new string('好', 250) + "\r\n" + new string('字', 249);
        fields.Add(("text:suggestions", words));
        var stored = await StoredBy(async () => Assert.Equal(HttpStatusCode.SeeOther, (await PostForm("/q/resident-satisfaction", [.. fields])).StatusCode));
        Assert.Equal(13, stored.Answers.Count);
        Assert.Equal(words.Replace("\r\n", "\n"), Assert.Single(stored.Texts).Text);
    }

    [Fact]
    public async Task A_post_that_is_not_a_form_is_refused()
    {
        var before = await app.RowCountsAsync();
        var response = await client.PostAsync(Grassroots, new StringContent("""{"answers":{"identity":["resident"]}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var tooLarge = await client.PostAsync(Grassroots, new StringContent("a:identity=resident&other:problems=" + new string('x', 200_000), Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Fact]
    public async Task Static_files_carry_cache_headers_and_a_version_that_busts_the_cache()
    {
        var html = await client.GetStringAsync(Grassroots);
        var script = Regex.Match(html, "<script src=\"(/form\\.js\\?v=[0-9a-f]{12})\" defer></script>").Groups[1].Value;
        var stylesheet = Regex.Match(html, "<link rel=\"stylesheet\" href=\"(/form\\.css\\?v=[0-9a-f]{12})\">").Groups[1].Value;
        Assert.NotEqual("", script);
        Assert.NotEqual("", stylesheet);
        foreach (var (url, type) in new[] { (script, "text/javascript"), (stylesheet, "text/css") })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        }
        var unversioned = await client.GetAsync("/form.js");
        Assert.Equal("public, max-age=300", unversioned.Headers.CacheControl?.ToString());
        var stale = await client.GetAsync("/form.js?v=000000000000");
        Assert.Equal("public, max-age=300", stale.Headers.CacheControl?.ToString());
    }
}

public sealed class ResidentFormEndpointsSqliteTests(SqliteApp app) : ResidentFormEndpointsTests(app), IClassFixture<SqliteApp>;

public sealed class ResidentFormEndpointsPostgresTests(PostgresApp app) : ResidentFormEndpointsTests(app), IClassFixture<PostgresApp>;

/// <summary>A closed questionnaire (none ships closed): its form and POST refuse, as the API does, before anything is read or stored.</summary>
public sealed class ResidentFormClosedQuestionnaireTests
{
    private sealed class Environment : Microsoft.AspNetCore.Hosting.IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider WebRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
        public string ApplicationName { get; set; } = "Survey.Api";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
        public string ContentRootPath { get; set; } = "";
        public string EnvironmentName { get; set; } = "Test";
    }

    private static readonly Survey.Core.Questionnaires.QuestionnaireCatalog Catalog = new(
        [new Questionnaire
        {
            Id = "closed-one", Version = 1, Title = "已结束的调查", Open = false,
            Questions = [new() { Id = "q", Text = "题", Type = QuestionType.Single, Options = [new() { Id = "a", Label = "甲" }] }],
        }], []);

    private static async Task<(int Status, string Body)> Execute(Microsoft.AspNetCore.Http.IResult result)
    {
        // Typed results log through the request's services.
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()));
    }

    [Fact]
    public async Task A_closed_questionnaire_is_not_listed_and_its_form_and_post_say_it_is_closed()
    {
        var environment = new Environment();
        var (_, list) = await Execute(Survey.Api.ResidentForm.ResidentFormEndpoints.ShowIndex(Catalog, environment, TimeProvider.System));
        Assert.DoesNotContain("closed-one", list);

        var (status, form) = await Execute(Survey.Api.ResidentForm.ResidentFormEndpoints.ShowForm("closed-one", null, Catalog, environment, TimeProvider.System));
        Assert.Equal(409, status);
        Assert.Contains("“已结束的调查”已停止收集答卷。", form);
        Assert.DoesNotContain("<form", form);

        var request = new Microsoft.AspNetCore.Http.DefaultHttpContext().Request;
        request.ContentType = "application/x-www-form-urlencoded";
        request.Body = new MemoryStream("a:q=a"u8.ToArray());
        // No store is given: reaching it would throw, so a 409 also shows nothing was stored.
        var post = await Survey.Api.ResidentForm.ResidentFormEndpoints.SubmitForm("closed-one", request, Catalog, null!, null!, environment, TimeProvider.System, null!, CancellationToken.None);
        Assert.Equal(409, (await Execute(post)).Status);
    }
}
