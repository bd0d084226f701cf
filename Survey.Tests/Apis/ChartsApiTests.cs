using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Apis;

/// <summary>
/// Chart routes: organisers only, PNG and SVG, and the numbers drawn are the numbers the results endpoint reports for
/// the same filters (the SVG keeps every label as text, so the test reads them back).
/// </summary>
public abstract class ChartsApiTests(SeededApp app)
{
    private const string Grassroots = "grassroots-service";
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static TheoryData<string> ChartRoutes => new()
    {
        $"/api/questionnaires/{Grassroots}/charts/problems.png",
        $"/api/questionnaires/{Grassroots}/charts/problems.svg?by=identity",
        "/api/questionnaires/resident-satisfaction/satisfaction/chart.png",
    };

    [Theory]
    [MemberData(nameof(ChartRoutes))]
    public async Task Charts_need_the_organiser_token(string route)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(route)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateOrganiserClient().GetAsync(route)).StatusCode);
    }

    [Theory]
    [InlineData("", 800)]
    [InlineData("?width=1000&scale=2", 2000)]
    public async Task A_png_chart_is_a_png_of_the_requested_size(string query, int expectedPixelWidth)
    {
        var response = await app.CreateOrganiserClient().GetAsync($"/api/questionnaires/{Grassroots}/charts/satisfying-ways.png{query}");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(PngSignature, png[..8]);
        // IHDR: width is the big-endian int at bytes 16–19 (PNG specification, section 11.2.2).
        Assert.Equal(expectedPixelWidth, png[16] << 24 | png[17] << 16 | png[18] << 8 | png[19]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?where=identity:cadre")]
    [InlineData("?base=all")]
    public async Task The_svg_chart_draws_the_question_and_the_counts_the_results_report(string query)
    {
        var client = app.CreateOrganiserClient();
        var svgText = await client.GetStringAsync($"/api/questionnaires/{Grassroots}/charts/problems.svg{query}");
        var svg = XDocument.Parse(svgText);
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        var results = await client.GetFromJsonAsync<JsonElement>($"/api/questionnaires/{Grassroots}/results{query}");
        var problems = results.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("questionId").GetString() == "problems");

        Assert.Contains("您认为当前农村(社区)党组织在服务群众、服务发展上存在哪些问题", svgText);
        Assert.Contains(texts, t => t.Contains("百分比"));
        Assert.Contains(texts, t => t.Contains($"n={problems.GetProperty("base").GetInt64()}"));
        foreach (var option in problems.GetProperty("options").EnumerateArray())
        {
            var label = $"{option.GetProperty("percent").GetDouble():0.0}% ({option.GetProperty("count").GetInt64()})";
            Assert.Contains(label, texts);
        }
    }

    [Fact]
    public async Task Unknown_questions_text_questions_and_bad_sizes_are_problems()
    {
        var client = app.CreateOrganiserClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/questionnaires/{Grassroots}/charts/nothing.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/questionnaires/resident-satisfaction/charts/suggestions.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/questionnaires/{Grassroots}/satisfaction/chart.png")).StatusCode);
        var tooWide = await client.GetAsync($"/api/questionnaires/{Grassroots}/charts/problems.png?width=100000");
        Assert.Equal(HttpStatusCode.BadRequest, tooWide.StatusCode);
        Assert.Equal("application/problem+json", tooWide.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/questionnaires/{Grassroots}/charts/problems.gif")).StatusCode);
    }

    [Fact]
    public async Task Chart_examples_render_through_the_api()
    {
        // Saved for a person to look at (test output folder, api-charts/); the glyph checks are in the Analysis chart tests.
        var folder = Path.Combine(AppContext.BaseDirectory, "api-charts");
        Directory.CreateDirectory(folder);
        var client = app.CreateOrganiserClient();
        foreach (var (route, file) in new[]
                 {
                     ($"/api/questionnaires/{Grassroots}/charts/problems.png", "problems.png"),
                     ($"/api/questionnaires/{Grassroots}/charts/necessity.png?by=identity", "necessity-by-identity.png"),
                     ($"/api/questionnaires/{Grassroots}/charts/satisfying-ways.png?by=identity&where=identity:cadre", "ways-cadres-by-identity.png"),
                     ("/api/questionnaires/resident-satisfaction/satisfaction/chart.png", "satisfaction.png"),
                     ("/api/questionnaires/resident-satisfaction/satisfaction/chart.png?by=community", "satisfaction-by-community.png"),
                 })
        {
            var response = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var png = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(PngSignature, png[..8]);
            await File.WriteAllBytesAsync(Path.Combine(folder, file), png);
        }
    }
}

public sealed class ChartsApiSqliteTests(SeededSqliteApp app) : ChartsApiTests(app), IClassFixture<SeededSqliteApp>;

public sealed class ChartsApiPostgresTests(SeededPostgresApp app) : ChartsApiTests(app), IClassFixture<SeededPostgresApp>;
