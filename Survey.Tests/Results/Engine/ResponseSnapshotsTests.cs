using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Results.Engine;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Results.Engine;

/// <summary>
/// One analysis per page (issue 9): the dashboard page and every chart image it shows, requested as a browser does
/// (the page, then its images six at a time), run the pass once between them; the next response makes a new pass.
/// </summary>
public abstract partial class ResponseSnapshotsTests(SurveyAppFactory app)
{
    private const string Id = "grassroots-service";

    [Theory]
    [InlineData("by=identity")]
    [InlineData("by=identity&from=2000-01-01&where=necessity:very-necessary")]
    public async Task A_dashboard_page_and_its_chart_images_share_one_pass(string query)
    {
        var snapshots = app.Services.GetRequiredService<ResponseSnapshots>();
        var organiser = app.CreateOrganiserClient();
        for (var round = 0; round < 2; round++)
        {
            // A new response first, as while a survey collects: no pass of an earlier request can be reused.
            await app.InsertAsync(Id, [(DateTime.UtcNow, new() { ["identity"] = ["cadre"], ["necessity"] = ["very-necessary"] })]);
            var before = snapshots.PassesRun;
            var html = await organiser.GetStringAsync($"/admin/q/{Id}?{query}");
            var images = ChartImage().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
            Assert.True(images.Count >= 10, $"the page shows {images.Count} chart images");
            await Parallel.ForEachAsync(images, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (image, token) =>
            {
                using var response = await organiser.GetAsync(image, token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.StartsWith("image/", response.Content.Headers.ContentType?.MediaType);
            });
            Assert.Equal(1, snapshots.PassesRun - before);
        }
    }

    [GeneratedRegex("<img class=\"chart\" src=\"([^\"]+)\"")] private static partial Regex ChartImage();
}

public sealed class ResponseSnapshotsSqliteTests(SqliteApp app) : ResponseSnapshotsTests(app), IClassFixture<SqliteApp>;

public sealed class ResponseSnapshotsPostgresTests(PostgresApp app) : ResponseSnapshotsTests(app), IClassFixture<PostgresApp>;
