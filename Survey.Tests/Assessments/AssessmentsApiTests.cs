using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Assessments;

/// <summary>Entering the self-assessment and review: current values, the append-only history, and refusals that store nothing.</summary>
public abstract class AssessmentsApiTests(SurveyAppFactory app)
{
    private const string Id = "resident-satisfaction";

    private static string Url(string round) => $"/api/questionnaires/{Id}/rounds/{round}/assessments";

    [Fact]
    public async Task Every_change_is_kept_with_who_and_when_and_the_latest_is_current()
    {
        var client = app.CreateOrganiserClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(Url("2026-Q1"), new { organisation = "east-street", self = 95, review = 88 })).StatusCode);
        var second = await client.PostAsJsonAsync(Url("2026-Q1"), new { organisation = "east-street", self = 92.5, review = (double?)null });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var round = await client.GetFromJsonAsync<JsonElement>(Url("2026-Q1"));
        Assert.Equal("2026年第一季度", round.GetProperty("roundLabel").GetString());
        var organisations = round.GetProperty("organisations").EnumerateArray().ToList();
        Assert.Equal(["east-street", "west-street", "south-village", "north-village"], organisations.Select(o => o.GetProperty("organisationId").GetString()));
        Assert.Equal(92.5, organisations[0].GetProperty("self").GetDouble());
        Assert.Equal(JsonValueKind.Null, organisations[0].GetProperty("review").ValueKind);
        Assert.Equal("organiser", organisations[0].GetProperty("enteredBy").GetString());
        Assert.Equal(JsonValueKind.Null, organisations[1].GetProperty("self").ValueKind);
        var history = round.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal([92.5, 95.0], history.Select(h => h.GetProperty("self").GetDouble()));
        Assert.Equal(88, history[1].GetProperty("review").GetDouble());
        Assert.Equal(2, await app.QueryAsync(db => Task.FromResult(db.AssessmentEntries.Count(e => e.RoundId == "2026-Q1"))));
    }

    [Theory]
    [InlineData("2026-Q2", """{"organisation": "east-street", "self": 101}""", "self")]
    [InlineData("2026-Q2", """{"organisation": "east-street", "review": -1}""", "review")]
    [InlineData("2026-Q2", """{"organisation": "nowhere", "self": 50}""", "organisation")]
    [InlineData("2026-Q9", """{"organisation": "east-street", "self": 50}""", "round")]
    public async Task Bad_scores_organisations_and_rounds_are_refused_and_store_nothing(string round, string body, string parameter)
    {
        var response = await app.CreateOrganiserClient().PostAsync(Url(round), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _));
        Assert.Equal(0, await app.QueryAsync(db => Task.FromResult(db.AssessmentEntries.Count(e => e.RoundId == round))));
    }

    [Fact]
    public async Task Only_organisers_and_only_questionnaires_with_an_evaluation()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync(Url("2026-Q3"), new { organisation = "east-street", self = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateOrganiserClient().GetAsync("/api/questionnaires/grassroots-service/rounds/2026-Q1/assessments")).StatusCode);
    }

    [Fact]
    public async Task The_page_needs_the_form_token_and_records_only_what_changed()
    {
        var browser = new OrganiserBrowser(app);
        await browser.SignInAsync(null, SurveyAppFactory.OrganiserToken);
        var page = await browser.Client.GetStringAsync($"/admin/q/{Id}/assessments?round=2026-H2");
        Assert.Contains("三步测评：自评与组织考评（2026年下半年）", page);

        FormUrlEncodedContent Form(bool withToken, string westSelf) => new(
            (withToken ? [OrganiserBrowser.AntiforgeryField(page)] : Array.Empty<KeyValuePair<string, string>>())
            .Concat([new("round", "2026-H2"), new("self-west-street", westSelf), new("review-west-street", "70")]));
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.Client.PostAsync($"/admin/q/{Id}/assessments", Form(false, "80"))).StatusCode);
        var refused = await browser.Client.PostAsync($"/admin/q/{Id}/assessments", Form(true, "八十"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("西街社区（自评）：分数应为 0–100 的数字：“八十”", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.QueryAsync(db => Task.FromResult(db.AssessmentEntries.Count(e => e.RoundId == "2026-H2"))));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.PostAsync($"/admin/q/{Id}/assessments", Form(true, "80"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.PostAsync($"/admin/q/{Id}/assessments", Form(true, "80"))).StatusCode);
        var entries = await app.QueryAsync(db => Task.FromResult(db.AssessmentEntries.Where(e => e.RoundId == "2026-H2").ToList()));
        var entry = Assert.Single(entries); // the second save changed nothing, so nothing was added
        Assert.Equal(("west-street", 80.0, 70.0, "组织者（令牌）"), (entry.OrganisationId, entry.Self, entry.Review, entry.EnteredBy));
    }
}

public sealed class AssessmentsApiSqliteTests(SqliteApp app) : AssessmentsApiTests(app), IClassFixture<SqliteApp>;

public sealed class AssessmentsApiPostgresTests(PostgresApp app) : AssessmentsApiTests(app), IClassFixture<PostgresApp>;
