using System.Net.Http.Json;
using System.Text.Json;
using Survey.Tests.TestSupport;
using static Survey.Tests.TestSupport.Downloads;

namespace Survey.Tests.Results;

/// <summary>
/// Days are Beijing days everywhere (<see cref="Survey.Core.Definitions.BeijingTime"/>): the date filters, the rounds,
/// the per-day activity and the times shown agree. Worked by hand: 20:00 UTC on 31 March is 04:00 on 1 April in
/// Beijing (UTC+8), so that response belongs to 1 April, to 2026-Q2 and to from=2026-04-01.
/// </summary>
public abstract class ResponseFilterTests(SurveyAppFactory app) : IAsyncLifetime
{
    private const string Id = "grassroots-service";

    /// <summary>(UTC time, how many): Beijing 31 Mar 23:59 ×1; Beijing 1 Apr 04:00 ×2; Beijing 2 Apr 01:00 ×4.</summary>
    private static readonly (string Utc, int Count)[] Rows =
    [
        ("2026-03-31T15:59:00Z", 1),
        ("2026-03-31T20:00:00Z", 2),
        ("2026-04-01T17:00:00Z", 4),
    ];

    public async Task InitializeAsync()
    {
        if ((await app.RowCountsAsync()).Responses > 0) return;
        await app.InsertAsync(Id, Rows.SelectMany(row => Enumerable.Repeat(
            (DateTime.Parse(row.Utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal),
             new Dictionary<string, string[]> { ["identity"] = ["resident"] }),
            row.Count)));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<long> Responses(string query) =>
        (await app.CreateOrganiserClient().GetFromJsonAsync<JsonElement>($"/api/questionnaires/{Id}/results?{query}")).GetProperty("responses").GetInt64();

    [Theory]
    [InlineData("round=2026-Q2", 6)]
    [InlineData("from=2026-04-01", 6)]
    [InlineData("from=2026-04-01&to=2026-04-01", 2)]
    [InlineData("from=2026-04-02", 4)]
    [InlineData("round=2026-Q1", 1)]
    [InlineData("from=2026-01-01&to=2026-03-31", 1)]
    [InlineData("to=2026-03-31", 1)]
    [InlineData("round=2026-Q2&from=2026-04-01&to=2026-04-01", 2)]
    public async Task A_response_at_20_00_UTC_on_31_March_is_on_1_April_for_the_date_filters_as_for_the_rounds(string query, long expected)
    {
        Assert.Equal(expected, await Responses(query));
    }

    [Fact]
    public async Task The_same_days_given_as_dates_or_as_a_round_count_the_same_responses()
    {
        Assert.Equal(await Responses("round=2026-Q1"), await Responses("from=2026-01-01&to=2026-03-31"));
        Assert.Equal(await Responses("round=2026-Q2"), await Responses("from=2026-04-01&to=2026-06-30"));
        Assert.Equal(await Responses("round=2026-04"), await Responses("from=2026-04-01&to=2026-04-30"));
    }

    [Fact]
    public async Task The_export_takes_the_same_Beijing_days_as_the_results()
    {
        var organiser = app.CreateOrganiserClient();
        Assert.Equal(6, ReadCsv(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/export.csv?from=2026-04-01"), keyed: true).Count);
        Assert.Single(ReadCsv(await organiser.GetByteArrayAsync($"/api/questionnaires/{Id}/export.csv?to=2026-03-31"), keyed: true));
    }

    [Fact]
    public async Task The_questionnaire_page_counts_each_Beijing_day_and_shows_Beijing_times()
    {
        var html = await app.CreateOrganiserClient().GetStringAsync($"/admin/q/{Id}");

        Assert.Contains("2026-03-31：1 份", html);
        Assert.Contains("2026-04-01：2 份", html);
        Assert.Contains("2026-04-02：4 份", html);
        Assert.Contains("首份 2026-03-31 23:59 · 最近 2026-04-02 01:00（北京时间）", html);
        Assert.DoesNotContain("UTC", html);
    }
}

public sealed class ResponseFilterSqliteTests(SqliteApp app) : ResponseFilterTests(app), IClassFixture<SqliteApp>;

public sealed class ResponseFilterPostgresTests(PostgresApp app) : ResponseFilterTests(app), IClassFixture<PostgresApp>;
