using System.Net;
using System.Text;
using System.Text.Json;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Schedule;

/// <summary>
/// Before opensAt and from closesAt on: the form says so in Chinese with the dates in Beijing time and shows no
/// fields, the no-JavaScript POST and the API answer 409 naming the dates, and nothing is stored; the dashboard shows
/// the state. Run on both databases.
/// </summary>
public abstract class CollectionWindowTests(ScheduledApp app)
{
    private const string Api = $"/api/questionnaires/{ScheduledApp.Id}/responses";
    private const string Form = $"/q/{ScheduledApp.Id}";
    private const string Answer = """{"answers":{"q":["yes"]}}""";

    private readonly HttpClient client = app.CreateClient(new() { AllowAutoRedirect = false });

    private Task<HttpResponseMessage> PostApi() => client.PostAsync(Api, new StringContent(Answer, Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> PostForm() =>
        client.PostAsync(Form, new FormUrlEncodedContent([new("a:q", "yes")]));

    private async Task<int> StoredAsync() => (await app.StoredAnswersAsync(ScheduledApp.Id)).Count;

    private async Task AssertRefused(string title, string rule, params string[] dates)
    {
        var before = await StoredAsync();

        var page = await client.GetAsync(Form);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains(title, html);
        foreach (var date in dates) Assert.Contains(date, html);
        Assert.DoesNotContain("<form", html);
        Assert.DoesNotContain("<input", html);

        var posted = await PostForm();
        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        Assert.Contains(title, await posted.Content.ReadAsStringAsync());

        var api = await PostApi();
        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        foreach (var date in dates) Assert.Contains(date, detail);
        Assert.Equal(ScheduledApp.OpensAt, problem.RootElement.GetProperty("opensAt").GetDateTimeOffset());
        Assert.Equal(ScheduledApp.ClosesAt, problem.RootElement.GetProperty("closesAt").GetDateTimeOffset());
        Assert.Equal(rule, Assert.Single(problem.RootElement.GetProperty("violations").EnumerateArray()).GetProperty("rule").GetString());

        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task Before_opening_the_form_says_when_it_opens_and_nothing_is_stored()
    {
        app.Clock.Now = ScheduledApp.OpensAt.AddSeconds(-1);
        await AssertRefused("问卷尚未开始", "questionnaire-not-yet-open", "将于2026年3月1日 08:00开始收集答卷，2026年3月31日 18:00截止（北京时间）");
        Assert.DoesNotContain(Form + "\"", await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task From_closing_time_on_the_form_says_it_has_ended_and_nothing_is_stored()
    {
        app.Clock.Now = ScheduledApp.ClosesAt;
        await AssertRefused("问卷已结束", "questionnaire-ended", "已于2026年3月31日 18:00（北京时间）截止");
        Assert.DoesNotContain(Form + "\"", await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task Between_the_dates_the_form_and_the_api_take_responses()
    {
        app.Clock.Now = ScheduledApp.OpensAt;
        var before = await StoredAsync();
        var page = await client.GetAsync(Form);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form", await page.Content.ReadAsStringAsync());
        Assert.Contains(Form + "\"", await client.GetStringAsync("/"));
        Assert.Equal(HttpStatusCode.Created, (await PostApi()).StatusCode);
        app.Clock.Now = ScheduledApp.ClosesAt.AddSeconds(-1);
        Assert.Equal(HttpStatusCode.SeeOther, (await PostForm()).StatusCode);
        Assert.Equal(before + 2, await StoredAsync());
    }

    [Fact]
    public async Task The_dashboard_shows_the_state_with_the_dates()
    {
        var organiser = app.CreateOrganiserClient();
        app.Clock.Now = ScheduledApp.OpensAt.AddDays(-1);
        Assert.Contains("未开始（2026年3月1日 08:00起，北京时间）", await organiser.GetStringAsync("/admin"));
        app.Clock.Now = ScheduledApp.OpensAt.AddDays(1);
        Assert.Contains("收集中（至2026年3月31日 18:00，北京时间）", await organiser.GetStringAsync("/admin"));
        app.Clock.Now = ScheduledApp.ClosesAt.AddDays(1);
        Assert.Contains("已结束（2026年3月31日 18:00截止，北京时间）", await organiser.GetStringAsync("/admin"));
    }
}

public sealed class CollectionWindowSqliteTests(ScheduledSqliteApp app) : CollectionWindowTests(app), IClassFixture<ScheduledSqliteApp>;

public sealed class CollectionWindowPostgresTests(ScheduledPostgresApp app) : CollectionWindowTests(app), IClassFixture<ScheduledPostgresApp>;
