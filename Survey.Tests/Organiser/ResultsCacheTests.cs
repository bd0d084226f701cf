using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Survey.Api.Model;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Organiser;

/// <summary>Results are served from the output cache until a new response to the questionnaire is stored.</summary>
public abstract class ResultsCacheTests(SurveyAppFactory app)
{
    private const string Id = "grassroots-service";

    [Fact]
    public async Task A_new_submission_evicts_the_cached_results_and_the_next_call_shows_it()
    {
        var organiser = app.CreateOrganiserClient();
        var url = $"/api/questionnaires/{Id}/results?where=identity:cadre";
        var first = await Responses(organiser, url);

        // A row written behind the API's back is not seen: the second call is served from the cache.
        await app.QueryAsync(async db =>
        {
            db.Responses.Add(new SurveyResponse
            {
                Id = Guid.NewGuid(), QuestionnaireId = Id, QuestionnaireVersion = 1, SubmittedAt = DateTime.UtcNow,
                Answers = [new ResponseAnswer { QuestionnaireId = Id, QuestionId = "identity", OptionId = "cadre" }],
            });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(first, await Responses(organiser, url));
        // Another query string is another cache entry, computed afresh.
        Assert.Equal(first + 1, await Responses(organiser, url + "&base=answered"));

        // A submission through the API evicts this questionnaire's entries: both new responses now show.
        await Submissions.PostAsync(app.CreateClient(), Id, """{"answers":{"identity":["cadre"]}}""");
        Assert.Equal(first + 2, await Responses(organiser, url));

        // Tallies downloads are cached and evicted the same way.
        var tallies = await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/tallies.csv?where=identity:cadre");
        var identity = Downloads.ReadCsv(tallies).Single(r => r["题目编号"] == "identity" && r["选项编号"] == "cadre");
        Assert.Equal(first + 2, long.Parse(identity["人数"]));
        await Submissions.PostAsync(app.CreateClient(), Id, """{"answers":{"identity":["cadre"]}}""");
        identity = Downloads.ReadCsv(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/tallies.csv?where=identity:cadre"))
            .Single(r => r["题目编号"] == "identity" && r["选项编号"] == "cadre");
        Assert.Equal(first + 3, long.Parse(identity["人数"]));
    }

    [Fact]
    public async Task A_response_through_the_residents_form_without_javascript_also_evicts_the_cache()
    {
        var organiser = app.CreateOrganiserClient();
        var url = $"/api/questionnaires/{Id}/results?where=identity:member";
        var first = await Responses(organiser, url);
        Assert.Equal(first, await Responses(organiser, url)); // now cached

        var posted = await app.CreateClient().PostAsync($"/q/{Id}", new FormUrlEncodedContent([new("a:identity", "member")]));
        Assert.True(posted.StatusCode is HttpStatusCode.SeeOther or HttpStatusCode.OK, posted.StatusCode.ToString());
        Assert.Equal(first + 1, await Responses(organiser, url));
    }

    [Fact]
    public async Task Cached_results_are_never_served_without_credentials()
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

public sealed class ResultsCacheSqliteTests(SqliteApp app) : ResultsCacheTests(app), IClassFixture<SqliteApp>;

public sealed class ResultsCachePostgresTests(PostgresApp app) : ResultsCacheTests(app), IClassFixture<PostgresApp>;
