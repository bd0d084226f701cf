using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Survey.Tests.TestSupport;
using static Survey.Tests.Rounds.RoundResponses;

namespace Survey.Tests.Rounds;

/// <summary>
/// Rounds, trends and league tables on the responses of <see cref="RoundResponses"/>; every expected figure is worked out
/// by hand or with scipy 1.10 (stats.t.interval, stats.ttest_ind(equal_var=False), the Wilson formula), written here.
/// </summary>
public abstract class RoundsApiTests(SurveyAppFactory app) : IAsyncLifetime
{
    public Task InitializeAsync() => StoreOnceAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<JsonElement> Get(string url) => app.CreateOrganiserClient().GetFromJsonAsync<JsonElement>(url);

    private static JsonElement Find(JsonElement array, string property, string value) =>
        array.EnumerateArray().Single(e => e.GetProperty(property).GetString() == value);

    [Theory]
    // Midnight in Beijing decides: 16:00 UTC on 31 Dec is in 2026-Q1, 15:59 UTC is in 2025-Q4; 16:00 UTC on 31 Mar is in Q2.
    [InlineData("2025-Q4", 10)]
    [InlineData("2026-Q1", 17)]
    [InlineData("2026-Q2", 3)]
    [InlineData("2026-Q3", 0)]
    [InlineData("2026-01", 6)]
    [InlineData("2026-H1", 20)]
    [InlineData("2026", 26)]
    public async Task The_round_filter_takes_the_responses_of_its_Beijing_days(string round, long responses)
    {
        var results = await Get($"/api/questionnaires/{Id}/results?round={round}");

        Assert.Equal(responses, results.GetProperty("responses").GetInt64());
    }

    [Fact]
    public async Task An_unknown_round_is_a_clear_error()
    {
        var response = await app.CreateOrganiserClient().GetAsync($"/api/questionnaires/{Id}/results?round=2026-Q5");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("没有这一轮次：“2026-Q5”", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_trend_has_every_quarter_with_its_n_withheld_and_empty_ones_included()
    {
        var trend = await Get($"/api/questionnaires/{Id}/trend?period=quarter");

        var rounds = trend.GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal(["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"], rounds.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal([10L, 17, 3, 0, 6], rounds.Select(r => r.GetProperty("n").GetInt64()));
        Assert.Equal([false, false, true, true, false], rounds.Select(r => r.GetProperty("suppressed").GetBoolean()));
        Assert.Equal("满意率 = (满意 + 基本满意) / (有效票，不含不了解)", trend.GetProperty("satisfiedRateDefinition").GetString());
    }

    [Fact]
    public async Task Option_percents_have_Wilson_intervals_and_a_z_test_of_the_change()
    {
        var trend = await Get($"/api/questionnaires/{Id}/trend?period=quarter");
        var identity = Find(trend.GetProperty("questions"), "questionId", "identity");
        var resident = Find(identity.GetProperty("options"), "optionId", "resident").GetProperty("rounds").EnumerateArray().ToList();

        // 2025-Q4: 5 of 10. 2026-Q1: 13 of 17 = 76.47 %, Wilson 52.74 … 90.44.
        Assert.Equal(50, resident[0].GetProperty("percent").GetDouble());
        Assert.Equal(JsonValueKind.Null, resident[0].GetProperty("change").ValueKind);
        Assert.Equal(76.47, resident[1].GetProperty("percent").GetDouble());
        Assert.Equal(52.74, resident[1].GetProperty("ciLow").GetDouble());
        Assert.Equal(90.44, resident[1].GetProperty("ciHigh").GetDouble());
        // z = (13/17 − 0.5)/√(0.25/10 + (13/17)(4/17)/17) = 1.403 (by hand; scipy 1.4032505), p = 0.1605.
        var change = resident[1].GetProperty("change");
        Assert.Equal("z", change.GetProperty("statistic").GetString());
        Assert.Equal(1.403, change.GetProperty("value").GetDouble());
        Assert.Equal(0.1605, change.GetProperty("p").GetDouble());
        Assert.Equal(26.47, change.GetProperty("difference").GetDouble());
        Assert.Equal("无显著变化", change.GetProperty("label").GetString());
        // The withheld and the empty quarter carry nothing, and the quarter after an empty one has no change.
        Assert.Equal(JsonValueKind.Null, resident[2].GetProperty("percent").ValueKind);
        Assert.Equal(JsonValueKind.Null, resident[3].GetProperty("count").ValueKind);
        Assert.Equal(100, resident[4].GetProperty("percent").GetDouble());
        Assert.Equal(JsonValueKind.Null, resident[4].GetProperty("change").ValueKind);
    }

    [Fact]
    public async Task Indices_have_t_intervals_satisfied_rates_and_a_Welch_test_of_the_change()
    {
        var trend = await Get($"/api/questionnaires/{Id}/trend?period=quarter");

        foreach (var id in new[] { Item, "composite" }) // one rated item, so the composite equals it
        {
            var rounds = Find(trend.GetProperty("indices"), "questionId", id).GetProperty("rounds").EnumerateArray().ToList();
            // 2025-Q4: 100×4, 60×4, 0×2: mean 64, t interval 36.36 … 91.64; satisfied 8/10, Wilson 49.02 … 94.33.
            Assert.Equal((64.0, 36.36, 91.64), (rounds[0].GetProperty("index").GetDouble(), rounds[0].GetProperty("ciLow").GetDouble(), rounds[0].GetProperty("ciHigh").GetDouble()));
            Assert.Equal((80.0, 49.02, 94.33), (rounds[0].GetProperty("satisfiedRate").GetDouble(), rounds[0].GetProperty("satisfiedCiLow").GetDouble(), rounds[0].GetProperty("satisfiedCiHigh").GetDouble()));
            // 2026-Q1: 100×11, 60×4, 0×1 (不了解 left out): mean 83.75, 68.57 … 98.93; satisfied 15/16 = 93.75, 71.67 … 98.89.
            Assert.Equal(16, rounds[1].GetProperty("n").GetInt64());
            Assert.Equal((83.75, 68.57, 98.93), (rounds[1].GetProperty("index").GetDouble(), rounds[1].GetProperty("ciLow").GetDouble(), rounds[1].GetProperty("ciHigh").GetDouble()));
            Assert.Equal((93.75, 71.67, 98.89), (rounds[1].GetProperty("satisfiedRate").GetDouble(), rounds[1].GetProperty("satisfiedCiLow").GetDouble(), rounds[1].GetProperty("satisfiedCiHigh").GetDouble()));
            // Welch (scipy): t = 1.396, df = 15.1, p = 0.1828; z for 80 % → 93.75 %: 0.981, p = 0.3268.
            var index = rounds[1].GetProperty("indexChange");
            Assert.Equal(("t", 1.396, 15.1, 0.1828, 19.75), (index.GetProperty("statistic").GetString(), index.GetProperty("value").GetDouble(),
                index.GetProperty("df").GetDouble(), index.GetProperty("p").GetDouble(), index.GetProperty("difference").GetDouble()));
            var satisfied = rounds[1].GetProperty("satisfiedChange");
            Assert.Equal((0.981, 0.3268, 13.75, "无显著变化"), (satisfied.GetProperty("value").GetDouble(), satisfied.GetProperty("p").GetDouble(),
                satisfied.GetProperty("difference").GetDouble(), satisfied.GetProperty("label").GetString()));
            Assert.Equal(JsonValueKind.Null, rounds[3].GetProperty("index").ValueKind);
            Assert.Equal(50, rounds[4].GetProperty("index").GetDouble());
        }
    }

    [Fact]
    public async Task The_league_ranks_by_the_index_then_by_the_composite_once_scores_are_entered()
    {
        var league = await Get($"/api/questionnaires/{Id}/league?round=2026-Q1");
        Assert.Equal(("community", "index", 17L), (league.GetProperty("by").GetString(), league.GetProperty("rankedBy").GetString(), league.GetProperty("n").GetInt64()));
        var rows = league.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["east-street", "west-street", "south-village", "north-village"], rows.Select(r => r.GetProperty("optionId").GetString()));
        // east 100×5, 60×1: 93.33 (t interval 76.20 … 110.47, cut to the 0–100 scale: 76.20 … 100); west 100×2, 60×2, 0: 64
        // (13.11 … 114.89 → 13.11 … 100); Welch p = 0.192 -> one group.
        Assert.Equal(100, rows[1].GetProperty("ciHigh").GetDouble());
        Assert.Equal((93.33, 76.2, 100.0, 1, "a"), (rows[0].GetProperty("index").GetDouble(), rows[0].GetProperty("ciLow").GetDouble(),
            rows[0].GetProperty("ciHigh").GetDouble(), rows[0].GetProperty("rank").GetInt32(), rows[0].GetProperty("letters").GetString()));
        Assert.Equal((64.0, 2, "a"), (rows[1].GetProperty("index").GetDouble(), rows[1].GetProperty("rank").GetInt32(), rows[1].GetProperty("letters").GetString()));
        // Satisfied: east 6/6 (Wilson 60.97 … 100), west 4/5 = 80 % (37.55 … 96.38).
        Assert.Equal((100.0, 60.97), (rows[0].GetProperty("satisfiedRate").GetDouble(), rows[0].GetProperty("satisfiedCiLow").GetDouble()));
        Assert.Equal((80.0, 37.55, 96.38), (rows[1].GetProperty("satisfiedRate").GetDouble(), rows[1].GetProperty("satisfiedCiLow").GetDouble(), rows[1].GetProperty("satisfiedCiHigh").GetDouble()));
        // South (2 scored of 3) is below 5, and north (3) is withheld with it so that south cannot be recovered from the
        // total: 样本不足, unranked, no figures.
        Assert.All(rows.Skip(2), r => Assert.Equal("样本不足", r.GetProperty("status").GetString()));
        Assert.All(rows.Skip(2), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("rank").ValueKind));
        Assert.All(rows.Skip(2), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("n").ValueKind));

        var client = app.CreateOrganiserClient();
        await client.PostAsJsonAsync($"/api/questionnaires/{Id}/rounds/2026-Q1/assessments", new { organisation = "east-street", self = 90, review = 80 });
        await client.PostAsJsonAsync($"/api/questionnaires/{Id}/rounds/2026-Q1/assessments", new { organisation = "west-street", self = 70, review = 60 });
        var composite = await Get($"/api/questionnaires/{Id}/league?by=community&round=2026-Q1");

        // east 0.5·93.33 + 0.3·80 + 0.2·90 = 88.67 (80.10 … 97.24); west 32 + 18 + 14 = 64 (38.55 … 89.45); Welch p = 0.052.
        Assert.Equal("composite", composite.GetProperty("rankedBy").GetString());
        var east = composite.GetProperty("rows")[0];
        Assert.Equal((88.67, 80.1, 97.24, 90.0, 80.0), (east.GetProperty("composite").GetDouble(), east.GetProperty("compositeCiLow").GetDouble(),
            east.GetProperty("compositeCiHigh").GetDouble(), east.GetProperty("self").GetDouble(), east.GetProperty("review").GetDouble()));
        Assert.Equal((64.0, 38.55, 89.45), (composite.GetProperty("rows")[1].GetProperty("composite").GetDouble(),
            composite.GetProperty("rows")[1].GetProperty("compositeCiLow").GetDouble(), composite.GetProperty("rows")[1].GetProperty("compositeCiHigh").GetDouble()));
    }

    [Fact]
    public async Task A_league_in_a_round_without_responses_lists_every_organisation_as_too_few()
    {
        var league = await Get($"/api/questionnaires/{Id}/league?round=2026-Q3");

        Assert.Equal(0, league.GetProperty("n").GetInt64());
        Assert.All(league.GetProperty("rows").EnumerateArray(), r => Assert.Equal("样本不足", r.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("/trend?period=week", HttpStatusCode.BadRequest)]
    [InlineData("/league?by=strong-leadership-x&round=2026-Q1", HttpStatusCode.BadRequest)]
    [InlineData("/trend/chart.png?question=community", HttpStatusCode.OK)]
    [InlineData("/trend/chart.svg?question=items", HttpStatusCode.OK)]
    [InlineData("/league/chart.png?round=2026-Q1", HttpStatusCode.OK)]
    public async Task Trend_and_league_routes_check_their_parameters_and_draw_charts(string path, HttpStatusCode status)
    {
        Assert.Equal(status, (await app.CreateOrganiserClient().GetAsync($"/api/questionnaires/{Id}{path}")).StatusCode);
    }
}

public sealed class RoundsApiSqliteTests(SqliteApp app) : RoundsApiTests(app), IClassFixture<SqliteApp>;

public sealed class RoundsApiPostgresTests(PostgresApp app) : RoundsApiTests(app), IClassFixture<PostgresApp>;
