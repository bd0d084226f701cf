using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Survey.Tests.Organiser;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Results;

/// <summary>
/// Results are never stale: nothing is cached per instance except pass results keyed by the last stored sequence
/// number, so a row written by another instance (here: straight into the database, behind this one's back) shows on
/// the very next request, on every route.
/// </summary>
public abstract class ResultsFreshnessTests(SurveyAppFactory app)
{
    private const string Id = "grassroots-service";

    [Fact]
    public async Task A_response_stored_by_another_instance_shows_on_the_next_request()
    {
        var organiser = app.CreateOrganiserClient();
        var url = $"/api/questionnaires/{Id}/results?where=identity:cadre";
        var first = await Responses(organiser, url);
        Assert.Equal(first, await Responses(organiser, url));

        await app.InsertAsync(Id, [(DateTime.UtcNow, new() { ["identity"] = ["cadre"] })]);
        Assert.Equal(first + 1, await Responses(organiser, url));
        Assert.Equal(first + 1, await Responses(organiser, url + "&by=identity"));

        await Submissions.PostAsync(app.CreateClient(), Id, """{"answers":{"identity":["cadre"]}}""");
        Assert.Equal(first + 2, await Responses(organiser, url));

        var tallies = await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/tallies.csv?where=identity:cadre");
        var identity = Downloads.ReadCsv(tallies).Single(r => r["题目编号"] == "identity" && r["选项编号"] == "cadre");
        Assert.Equal(first + 2, long.Parse(identity["人数"]));
        await app.InsertAsync(Id, [(DateTime.UtcNow, new() { ["identity"] = ["cadre"] })]);
        identity = Downloads.ReadCsv(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/tallies.csv?where=identity:cadre"))
            .Single(r => r["题目编号"] == "identity" && r["选项编号"] == "cadre");
        Assert.Equal(first + 3, long.Parse(identity["人数"]));
    }

    [Fact]
    public async Task A_response_through_the_residents_form_without_javascript_shows_at_once()
    {
        var organiser = app.CreateOrganiserClient();
        var url = $"/api/questionnaires/{Id}/results?where=identity:member";
        var first = await Responses(organiser, url);
        var posted = await app.CreateClient().PostAsync($"/q/{Id}", new FormUrlEncodedContent([new("a:identity", "member")]));
        Assert.True(posted.StatusCode is HttpStatusCode.SeeOther or HttpStatusCode.OK, posted.StatusCode.ToString());
        Assert.Equal(first + 1, await Responses(organiser, url));
    }

    [Fact]
    public async Task Results_are_never_served_without_credentials()
    {
        var url = $"/api/questionnaires/{Id}/results";
        Assert.Equal(HttpStatusCode.OK, (await app.CreateOrganiserClient().GetAsync(url)).StatusCode);
        var anonymous = await app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.DoesNotContain("questionId", await anonymous.Content.ReadAsStringAsync());
    }

    private static async Task<long> Responses(HttpClient client, string url) =>
        (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("responses").GetInt64();
}

public sealed class ResultsFreshnessSqliteTests(SqliteApp app) : ResultsFreshnessTests(app), IClassFixture<SqliteApp>;

public sealed class ResultsFreshnessPostgresTests(PostgresApp app) : ResultsFreshnessTests(app), IClassFixture<PostgresApp>;
