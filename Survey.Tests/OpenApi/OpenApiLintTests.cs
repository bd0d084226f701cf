using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Survey.Tests.TestSupport;

namespace Survey.Tests.OpenApi;

/// <summary>
/// The API document is a download too: Redocly's recommended lint (the pinned CLI in tools/openapi-lint, installed by
/// script/bootstrap --test) reports no error on /openapi/v1.json: every operation with a summary, a description and
/// explicit security (public resident routes "security: []"), problem responses documented, no trailing slash in the
/// server URL.
/// </summary>
public sealed class OpenApiLintTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static string Tools => Path.Combine(RepositoryPaths.Root, "tools", "openapi-lint");

    [Fact]
    public async Task Redocly_recommended_lint_reports_no_errors()
    {
        var document = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        var file = Path.Combine(Directory.CreateTempSubdirectory("survey-openapi-").FullName, "v1.json");
        await File.WriteAllTextAsync(file, document);
        var cli = Path.Combine(Tools, "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(cli), "Redocly CLI missing: run script/bootstrap --test");

        using var process = Process.Start(new ProcessStartInfo(cli, ["lint", file, "--config", Path.Combine(Tools, "redocly.yaml"), "--format", "json"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8,
            Environment = { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" },
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var json = await output;
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);

        using var report = JsonDocument.Parse(json[json.IndexOf('{')..]);
        var errors = report.RootElement.GetProperty("problems").EnumerateArray()
            .Where(p => p.GetProperty("severity").GetString() == "error")
            .Select(p => $"{p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}")
            .ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors) + await error);

        // Every operation says what it does, and who may call it.
        using var parsed = JsonDocument.Parse(document);
        foreach (var path in parsed.RootElement.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
            {
                Assert.True(operation.Value.TryGetProperty("summary", out _), $"{operation.Name} {path.Name} has no summary");
                Assert.True(operation.Value.TryGetProperty("description", out _), $"{operation.Name} {path.Name} has no description");
                Assert.True(operation.Value.TryGetProperty("security", out _), $"{operation.Name} {path.Name} has no security");
            }
        Assert.All(parsed.RootElement.GetProperty("servers").EnumerateArray(), s => Assert.False(s.GetProperty("url").GetString()!.EndsWith('/')));
    }

    [Fact]
    public async Task The_organiser_query_parameters_are_documented_in_Chinese_on_every_route_that_takes_them()
    {
        using var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        string[] shared = ["from", "to", "where", "round", "base", "by"];
        var seen = new Dictionary<string, int>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (!operation.Value.TryGetProperty("parameters", out var parameters)) continue;
                foreach (var parameter in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query"))
                {
                    var name = parameter.GetProperty("name").GetString()!;
                    if (!shared.Contains(name)) continue;
                    seen[name] = seen.GetValueOrDefault(name) + 1;
                    Assert.True(parameter.TryGetProperty("description", out var description) && description.GetString()!.Any(c => c is >= '\u4e00' and <= '\u9fff'),
                        $"{operation.Name} {path.Name}: query parameter {name} has no Chinese description");
                }
            }
        // Results, satisfaction, both charts, five downloads, the dashboard page, trend, league and their charts, the rounds page.
        Assert.All(shared, name => Assert.True(seen.GetValueOrDefault(name) >= 10, $"{name} documented on {seen.GetValueOrDefault(name)} routes"));
        Assert.Contains(document.RootElement.GetProperty("paths").GetProperty("/api/questionnaires/{id}/results").GetProperty("get")
            .GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "base");
    }

    [Fact]
    public async Task The_submission_route_declares_its_two_request_headers_in_Chinese()
    {
        using var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        var parameters = document.RootElement.GetProperty("paths").GetProperty("/api/questionnaires/{id}/responses").GetProperty("post")
            .GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header")
            .ToDictionary(p => p.GetProperty("name").GetString()!);

        Assert.Equal(["Idempotency-Key", "Invitation-Code"], parameters.Keys.Order());
        Assert.All(parameters.Values, p => Assert.True(p.GetProperty("description").GetString()!.Any(c => c is >= '\u4e00' and <= '\u9fff')));
        Assert.All(parameters.Values, p => Assert.False(p.TryGetProperty("required", out var required) && required.GetBoolean()));
        Assert.Equal(128, parameters["Idempotency-Key"].GetProperty("schema").GetProperty("maxLength").GetInt32());
    }
}
