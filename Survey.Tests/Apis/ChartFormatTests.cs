using System.Net;
using Survey.Api.Apis;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Apis;

/// <summary>Chart size parameters: NaN and out-of-range values are 400, unknown parameters are 400, a PNG is bounded.</summary>
public sealed class ChartFormatTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("scale=NaN")]
    [InlineData("scale=Infinity")]
    [InlineData("scale=0.5")]
    [InlineData("width=99999")]
    [InlineData("cachebuster=1")]
    [InlineData("scale=2&x=1")]
    public async Task A_bad_or_unknown_chart_parameter_is_a_400_problem(string query)
    {
        var client = app.CreateOrganiserClient();
        foreach (var path in new[] { "/api/questionnaires/grassroots-service/charts/identity.png", "/api/questionnaires/resident-satisfaction/satisfaction/chart.png" })
        {
            var response = await client.GetAsync($"{path}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Known_parameters_still_render()
    {
        var response = await app.CreateOrganiserClient().GetAsync("/api/questionnaires/grassroots-service/charts/identity.png?width=800&scale=2&base=shown");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        // The dashboard gives every chart its whole query string, base included, where the chart has no use for it.
        var satisfaction = await app.CreateOrganiserClient().GetAsync("/api/questionnaires/resident-satisfaction/satisfaction/chart.svg?base=shown&by=community");
        Assert.Equal(HttpStatusCode.OK, satisfaction.StatusCode);
    }

    [Theory]
    [InlineData(2400, 3000, 3.0)]
    [InlineData(2400, 2000, 2.0)]
    [InlineData(800, 600, 3.0)]
    public void A_png_never_exceeds_the_pixel_budget_and_small_ones_keep_their_scale(int width, int height, double scale)
    {
        var used = ChartFormat.PngScale(width, height, scale);
        Assert.True(width * used * height * used <= ChartFormat.MaxPixels * 1.0001);
        if ((double)width * height * scale * scale <= ChartFormat.MaxPixels) Assert.Equal(scale, used);
        else Assert.True(used < scale);
    }

    [Fact]
    public async Task The_largest_allowed_request_renders_within_the_budget()
    {
        var response = await app.CreateOrganiserClient().GetAsync("/api/questionnaires/grassroots-service/charts/identity.png?width=2400&height=3000&scale=3");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var png = await response.Content.ReadAsByteArrayAsync();
        // PNG header: width and height, big-endian, at bytes 16–23.
        long pixelWidth = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        long pixelHeight = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
        Assert.True(pixelWidth * pixelHeight <= ChartFormat.MaxPixels * 1.01, $"{pixelWidth} x {pixelHeight}");
        Assert.True(pixelWidth > 2400, "the scale is lowered, not dropped to 1");
    }
}
