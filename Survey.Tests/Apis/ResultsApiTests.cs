using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Survey.Core.Questionnaires;
using Microsoft.Extensions.DependencyInjection;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Apis;

/// <summary>Results computed in the database equal counts made here from the generated responses; organiser-only.</summary>
public abstract class ResultsApiTests(SurveyAppFactory app)
{
    [Fact]
    public async Task Results_need_the_organiser_token()
    {
        var anonymous = app.CreateClient();
        var none = await anonymous.GetAsync("/api/questionnaires/grassroots-service/results");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.DoesNotContain("resident", await none.Content.ReadAsStringAsync());

        var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/questionnaires/grassroots-service/results");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SurveyAppFactory.OrganiserToken + "x");
        var wrongResponse = await anonymous.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.DoesNotContain("resident", await wrongResponse.Content.ReadAsStringAsync());

        var organiser = await app.CreateOrganiserClient().GetAsync("/api/questionnaires/grassroots-service/results");
        Assert.Equal(HttpStatusCode.OK, organiser.StatusCode);
    }

    [Theory]
    [InlineData("grassroots-service", 120, 7)]
    [InlineData("resident-satisfaction", 80, 11)]
    public async Task Results_equal_an_independent_count_of_the_submitted_responses(string questionnaireId, int count, int seed)
    {
        var questionnaire = app.Services.GetRequiredService<QuestionnaireCatalog>().Find(questionnaireId)!;
        var client = app.CreateClient();
        var before = await GetResults(questionnaireId);
        var generated = SyntheticResponses.Generate(questionnaire, count, seed);
        foreach (var response in generated)
        {
            var posted = await client.PostAsync($"/api/questionnaires/{questionnaireId}/responses", new StringContent(response.ToJson(), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        var results = await GetResults(questionnaireId);
        Assert.Equal(before.GetProperty("responses").GetInt64() + count, results.GetProperty("responses").GetInt64());
        var questions = results.GetProperty("questions").EnumerateArray().ToList();
        var previous = before.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("questionId").GetString()!);
        Assert.Equal(questionnaire.Questions.Select(q => q.Id), questions.Select(q => q.GetProperty("questionId").GetString()));
        foreach (var question in questionnaire.Questions)
        {
            var result = questions.Single(q => q.GetProperty("questionId").GetString() == question.Id);
            var old = previous[question.Id];
            var shown = generated.Count(g => question.VisibleIf is not { } c || g.Answers.GetValueOrDefault(c.Question)?.Any(c.AnyOf.Contains) == true);
            var answered = generated.Count(g => g.Answers.ContainsKey(question.Id) || g.Text.ContainsKey(question.Id));
            var expectedBase = old.GetProperty("base").GetInt64() + answered;
            Assert.Equal(expectedBase, result.GetProperty("base").GetInt64());
            Assert.Equal(old.GetProperty("noAnswer").GetInt64() + shown - answered, result.GetProperty("noAnswer").GetInt64());
            foreach (var option in result.GetProperty("options").EnumerateArray())
            {
                var optionId = option.GetProperty("optionId").GetString()!;
                var oldCount = old.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("optionId").GetString() == optionId).GetProperty("count").GetInt64();
                var expected = oldCount + generated.Count(g => g.Answers.GetValueOrDefault(question.Id)?.Contains(optionId) == true);
                Assert.Equal(expected, option.GetProperty("count").GetInt64());
                Assert.Equal(Math.Round(100.0 * expected / expectedBase, 2), option.GetProperty("percent").GetDouble(), 2);
            }
        }
    }

    [Fact]
    public async Task The_base_of_the_cadre_question_counts_only_cadres()
    {
        var client = app.CreateClient();
        var before = (await GetResults("grassroots-service")).GetProperty("questions")[4];
        string[] bodies =
        [
            """{"answers":{"identity":["cadre"],"services-offered":["policy-advice","certificates"]}}""",
            """{"answers":{"identity":["cadre"],"services-offered":["policy-advice"]}}""",
            """{"answers":{"identity":["cadre"]}}""",
            """{"answers":{"identity":["resident"]}}""",
            """{"answers":{"identity":["member"]}}""",
        ];
        foreach (var body in bodies)
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/questionnaires/grassroots-service/responses", new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode);

        var servicesOffered = (await GetResults("grassroots-service")).GetProperty("questions")[4];
        Assert.Equal("services-offered", servicesOffered.GetProperty("questionId").GetString());
        // Three cadres were shown the question: two answered, one did not. Residents and members are in neither number.
        Assert.Equal(before.GetProperty("base").GetInt64() + 2, servicesOffered.GetProperty("base").GetInt64());
        Assert.Equal(before.GetProperty("noAnswer").GetInt64() + 1, servicesOffered.GetProperty("noAnswer").GetInt64());
    }

    [Fact]
    public async Task Other_texts_are_listed_separately_with_their_counts()
    {
        var client = app.CreateClient();
        var marker = "独有文字" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 2; i++)
        {
            var body = JsonSerializer.Serialize(new { answers = new { identity = new[] { "resident" }, crucial_point = (string[]?)null, problems = new[] { "other" } }, otherText = new { problems = marker } })
                .Replace("\"crucial_point\":null,", "");
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/questionnaires/grassroots-service/responses", new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode);
        }
        var problems = (await GetResults("grassroots-service")).GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("questionId").GetString() == "problems");
        var listed = problems.GetProperty("texts").EnumerateArray().Single(t => t.GetProperty("text").GetString() == marker);
        Assert.Equal(2, listed.GetProperty("count").GetInt64());
        Assert.Equal("other", listed.GetProperty("optionId").GetString());
    }

    [Fact]
    public async Task Filters_by_answer_and_date_restrict_every_count()
    {
        var client = app.CreateClient();
        foreach (var body in new[] { """{"answers":{"identity":["cadre"],"necessity":["unnecessary"]}}""", """{"answers":{"identity":["resident"],"necessity":["unnecessary"]}}""" })
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/questionnaires/grassroots-service/responses", new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode);
        var all = await GetResults("grassroots-service");
        var cadres = await GetResults("grassroots-service?where=identity:cadre");
        var identity = cadres.GetProperty("questions")[0].GetProperty("options").EnumerateArray().ToDictionary(o => o.GetProperty("optionId").GetString()!, o => o.GetProperty("count").GetInt64());
        Assert.Equal(0, identity["resident"]);
        Assert.Equal(0, identity["member"]);
        Assert.Equal(cadres.GetProperty("responses").GetInt64(), identity["cadre"]);
        var allCadres = all.GetProperty("questions")[0].GetProperty("options").EnumerateArray().Single(o => o.GetProperty("optionId").GetString() == "cadre").GetProperty("count").GetInt64();
        Assert.Equal(allCadres, identity["cadre"]);

        var today = Survey.Core.Definitions.BeijingTime.DayOf(DateTime.UtcNow); // filters take Beijing days
        var tomorrow = today.AddDays(1).ToString("yyyy-MM-dd");
        Assert.Equal(0, (await GetResults($"grassroots-service?from={tomorrow}")).GetProperty("responses").GetInt64());
        Assert.Equal(all.GetProperty("responses").GetInt64(),
            (await GetResults($"grassroots-service?from={today.AddDays(-1):yyyy-MM-dd}&to={tomorrow}")).GetProperty("responses").GetInt64());

        var bad = await app.CreateOrganiserClient().GetAsync("/api/questionnaires/grassroots-service/results?where=identity:mayor");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }

    /// <param name="questionnaireAndQuery">"grassroots-service" or "grassroots-service?where=identity:cadre".</param>
    private async Task<JsonElement> GetResults(string questionnaireAndQuery)
    {
        var parts = questionnaireAndQuery.Split('?', 2);
        var query = parts.Length == 2 ? "?" + parts[1] : "";
        return await app.CreateOrganiserClient().GetFromJsonAsync<JsonElement>($"/api/questionnaires/{parts[0]}/results{query}");
    }
}

public sealed class ResultsApiSqliteTests(SqliteApp app) : ResultsApiTests(app), IClassFixture<SqliteApp>;

public sealed class ResultsApiPostgresTests(PostgresApp app) : ResultsApiTests(app), IClassFixture<PostgresApp>;
