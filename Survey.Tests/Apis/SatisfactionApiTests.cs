using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Apis;

/// <summary>
/// Satisfaction indices on a small hand-made dataset whose figures are worked out by hand below, and small-segment
/// suppression (with its complement) in the indices and in the cross-tab of the same data.
/// </summary>
public abstract class SatisfactionApiTests(SurveyAppFactory app) : IAsyncLifetime
{
    private const string Id = "resident-satisfaction";

    private static readonly string[] Items =
    [
        "strong-leadership", "capable-team", "service-venue", "service-carriers", "sound-institutions", "satisfying-results",
        "serve-reform", "serve-development", "serve-livelihood", "serve-residents", "serve-members",
    ];

    public async Task InitializeAsync()
    {
        // 20 residents rate every item 满意 (100), 2 residents answer 不了解 throughout, 6 members 基本满意 (60),
        // 3 cadres 不满意 (0). Posted once per fixture (the fixture is this class's own database).
        var client = app.CreateClient();
        if ((await app.RowCountsAsync()).Responses > 0) return;
        foreach (var (identity, option, count) in new[] { ("resident", "satisfied", 20), ("resident", "unknown", 2), ("member", "basically-satisfied", 6), ("cadre", "dissatisfied", 3) })
            for (var i = 0; i < count; i++)
            {
                var answers = Items.ToDictionary(item => item, _ => new[] { option });
                answers["identity"] = [identity];
                answers["community"] = ["east-street"];
                var posted = await client.PostAsync($"/api/questionnaires/{Id}/responses",
                    new StringContent(JsonSerializer.Serialize(new { answers }), Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Item_and_composite_indices_equal_the_hand_computed_figures()
    {
        var satisfaction = await Get($"/api/questionnaires/{Id}/satisfaction");
        Assert.Equal(31, satisfaction.GetProperty("responses").GetInt64());

        // By hand: 29 scores (20×100, 6×60, 3×0), mean = 2360/29 = 81.3793; 不了解 2 left out.
        // Sum of squared deviations = 20·18.6207² + 6·21.3793² + 3·81.3793² = 29544.83, sd = √(29544.83/28) = 32.4834,
        // se = 32.4834/√29 = 6.03202; t(0.975, df 28) = 2.048407 (R: qt(0.975, 28)); half-width 12.3561.
        // Satisfied (满意 + 基本满意, above the midpoint 50) = 26/29 = 89.655%.
        foreach (var item in satisfaction.GetProperty("items").EnumerateArray())
        {
            Assert.Equal(29, item.GetProperty("n").GetInt64());
            Assert.Equal(2, item.GetProperty("unknown").GetInt64());
            Assert.Equal(81.38, item.GetProperty("index").GetDouble(), 2);
            Assert.Equal(69.02, item.GetProperty("ciLow").GetDouble(), 2);
            Assert.Equal(93.74, item.GetProperty("ciHigh").GetDouble(), 2);
            Assert.Equal(89.66, item.GetProperty("satisfiedRate").GetDouble(), 2);
        }
        // Each respondent's composite is the same as each item here (every item answered alike), and the 2 who
        // answered 不了解 throughout have no composite: the same 29 scores, so the same mean and interval.
        var composite = satisfaction.GetProperty("composite");
        Assert.Equal(29, composite.GetProperty("n").GetInt64());
        Assert.Equal(81.38, composite.GetProperty("index").GetDouble(), 2);
        Assert.Equal(69.02, composite.GetProperty("ciLow").GetDouble(), 2);
    }

    [Fact]
    public async Task A_small_segment_is_withheld_with_a_complement_so_it_cannot_be_recovered()
    {
        var satisfaction = await Get($"/api/questionnaires/{Id}/satisfaction?by=identity");
        var segments = satisfaction.GetProperty("segments").EnumerateArray().ToDictionary(s => s.GetProperty("optionId").GetString()!);

        // Cadres (3 < 5) are withheld; members (6) too, otherwise cadres' mean = (29·overall − 20·residents − 6·members)/3.
        foreach (var withheld in new[] { "cadre", "member" })
        {
            Assert.True(segments[withheld].GetProperty("suppressed").GetBoolean());
            Assert.Equal(JsonValueKind.Null, segments[withheld].GetProperty("composite").GetProperty("index").ValueKind);
            Assert.Equal(JsonValueKind.Null, segments[withheld].GetProperty("composite").GetProperty("n").ValueKind);
            Assert.All(segments[withheld].GetProperty("items").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("index").ValueKind));
        }
        var residents = segments["resident"];
        Assert.False(residents.GetProperty("suppressed").GetBoolean());
        Assert.Equal(100, residents.GetProperty("composite").GetProperty("index").GetDouble());
        Assert.Equal(20, residents.GetProperty("composite").GetProperty("n").GetInt64());
        Assert.All(residents.GetProperty("items").EnumerateArray(), i => Assert.Equal(2, i.GetProperty("unknown").GetInt64()));

        var results = await Get($"/api/questionnaires/{Id}/results?by=identity");
        var crosstab = results.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("questionId").GetString() == "strong-leadership").GetProperty("crosstab");
        var columns = crosstab.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("optionId").GetString()!);
        Assert.Equal(22, columns["resident"].GetProperty("base").GetInt64());
        foreach (var withheld in new[] { "cadre", "member" })
        {
            Assert.True(columns[withheld].GetProperty("suppressed").GetBoolean());
            Assert.Equal(JsonValueKind.Null, columns[withheld].GetProperty("base").ValueKind);
            Assert.All(columns[withheld].GetProperty("cells").EnumerateArray(), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("count").ValueKind));
        }
    }

    [Fact]
    public async Task Satisfaction_is_for_organisers_and_for_scored_questionnaires()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/questionnaires/{Id}/satisfaction")).StatusCode);
        var client = app.CreateOrganiserClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/questionnaires/grassroots-service/satisfaction")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/questionnaires/{Id}/satisfaction?by=suggestions")).StatusCode);
    }

    private Task<JsonElement> Get(string url) => app.CreateOrganiserClient().GetFromJsonAsync<JsonElement>(url);
}

public sealed class SatisfactionApiSqliteTests(SqliteApp app) : SatisfactionApiTests(app), IClassFixture<SqliteApp>;

public sealed class SatisfactionApiPostgresTests(PostgresApp app) : SatisfactionApiTests(app), IClassFixture<PostgresApp>;
