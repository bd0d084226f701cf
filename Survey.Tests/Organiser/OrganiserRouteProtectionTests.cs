using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Auth;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Organiser;

/// <summary>
/// Every route the application maps is either on the public allow-list or requires the organiser policy and is
/// requested here without credentials (401 for the API, redirect to sign-in for pages). A new route that is neither
/// fails the cross-check, so nothing slips through unprotected.
/// </summary>
public abstract class OrganiserRouteProtectionTests(SurveyAppFactory app)
{
    /// <summary>Routes anyone may use: residents' pages and submissions, questionnaire definitions, health, OpenAPI, sign-in, static files.</summary>
    public static readonly HashSet<string> Public =
    [
        "GET /api/questionnaires/", "GET /api/questionnaires/{id}", "POST /api/questionnaires/{id}/responses",
        "GET /", "GET /q/{id}", "POST /q/{id}", "GET /q/{id}/thanks", "GET /q/{id}/paper",
        "* /healthz", "* /healthz/ready", "GET /openapi/{documentName}.json",
        "GET /admin/sign-in", "POST /admin/sign-in", "POST /admin/sign-out",
    ];

    private const string MissingBatch = "00000000-0000-0000-0000-000000000001";

    /// <summary>Each organiser route with a concrete URL to request (requested with the route's method, with an empty body).</summary>
    public static readonly Dictionary<string, string> Protected = new()
    {
        ["GET /admin/"] = "/admin",
        ["GET /admin/q/{id}"] = "/admin/q/grassroots-service",
        ["GET /api/questionnaires/{id}/results"] = "/api/questionnaires/grassroots-service/results",
        ["GET /api/questionnaires/{id}/satisfaction"] = "/api/questionnaires/resident-satisfaction/satisfaction",
        ["GET /api/questionnaires/{id}/charts/{questionId}.{format}"] = "/api/questionnaires/grassroots-service/charts/identity.png",
        ["GET /api/questionnaires/{id}/satisfaction/chart.{format}"] = "/api/questionnaires/resident-satisfaction/satisfaction/chart.svg",
        ["GET /api/questionnaires/{id}/export.csv"] = "/api/questionnaires/grassroots-service/export.csv",
        ["GET /api/questionnaires/{id}/export.xlsx"] = "/api/questionnaires/grassroots-service/export.xlsx",
        ["GET /api/questionnaires/{id}/tallies.csv"] = "/api/questionnaires/grassroots-service/tallies.csv",
        ["GET /api/questionnaires/{id}/tallies.xlsx"] = "/api/questionnaires/grassroots-service/tallies.xlsx",
        ["GET /api/questionnaires/{id}/report.zip"] = "/api/questionnaires/grassroots-service/report.zip",
        ["GET /admin/q/{id}/assessments"] = "/admin/q/resident-satisfaction/assessments",
        ["GET /admin/q/{id}/rounds"] = "/admin/q/resident-satisfaction/rounds",
        ["GET /api/questionnaires/{id}/trend"] = "/api/questionnaires/resident-satisfaction/trend",
        ["GET /api/questionnaires/{id}/trend/chart.{format}"] = "/api/questionnaires/resident-satisfaction/trend/chart.svg",
        ["GET /api/questionnaires/{id}/league"] = "/api/questionnaires/resident-satisfaction/league?round=2026-Q1",
        ["GET /api/questionnaires/{id}/league/chart.{format}"] = "/api/questionnaires/resident-satisfaction/league/chart.svg?round=2026-Q1",
        ["POST /admin/q/{id}/assessments"] = "/admin/q/resident-satisfaction/assessments",
        ["GET /api/questionnaires/{id}/rounds/{round}/assessments"] = "/api/questionnaires/resident-satisfaction/rounds/2026-Q1/assessments",
        ["POST /api/questionnaires/{id}/rounds/{round}/assessments"] = "/api/questionnaires/resident-satisfaction/rounds/2026-Q1/assessments",
        ["GET /api/questionnaires/{id}/bursts"] = "/api/questionnaires/grassroots-service/bursts",
        ["GET /admin/q/{id}/entry"] = "/admin/q/grassroots-service/entry",
        ["POST /admin/q/{id}/entry"] = "/admin/q/grassroots-service/entry",
        ["GET /admin/q/{id}/entry/batches"] = "/admin/q/grassroots-service/entry/batches",
        ["POST /admin/q/{id}/entry/batches"] = "/admin/q/grassroots-service/entry/batches",
        ["GET /admin/q/{id}/entry/batches/{batch}"] = "/admin/q/grassroots-service/entry/batches/00000000-0000-0000-0000-000000000001",
        ["POST /admin/q/{id}/entry/batches/{batch}/resolve"] = "/admin/q/grassroots-service/entry/batches/00000000-0000-0000-0000-000000000001/resolve",
        ["POST /admin/q/{id}/entry/batches/{batch}/accept"] = "/admin/q/grassroots-service/entry/batches/00000000-0000-0000-0000-000000000001/accept",
        ["POST /api/questionnaires/{id}/codes"] = "/api/questionnaires/grassroots-service/codes",
        ["GET /api/questionnaires/{id}/codes"] = "/api/questionnaires/grassroots-service/codes",
        ["DELETE /api/questionnaires/{id}/codes/{code}"] = "/api/questionnaires/grassroots-service/codes/ABCD-EFGHJ",
        ["GET /admin/q/{id}/slips"] = "/admin/q/grassroots-service/slips",
        ["POST /admin/q/{id}/slips"] = "/admin/q/grassroots-service/slips",
        ["POST /admin/q/{id}/paper-copies"] = "/admin/q/grassroots-service/paper-copies",
        ["POST /admin/q/{id}/codes/revoke"] = "/admin/q/grassroots-service/codes/revoke",
        ["GET /admin/q/{id}/poster"] = "/admin/q/grassroots-service/poster",
        ["GET /api/audit"] = "/api/audit",
        ["GET /api/audit.csv"] = "/api/audit.csv",
        ["GET /admin/audit"] = "/admin/audit",
        ["GET /api/questionnaires/{id}/flags"] = "/api/questionnaires/grassroots-service/flags",
        ["POST /api/questionnaires/{id}/set-asides"] = "/api/questionnaires/grassroots-service/set-asides",
        ["POST /api/questionnaires/{id}/set-asides/{setAsideId}/restore"] = "/api/questionnaires/grassroots-service/set-asides/1/restore",
        ["POST /admin/q/{id}/set-asides"] = "/admin/q/grassroots-service/set-asides",
        ["POST /admin/q/{id}/set-asides/{setAsideId}/restore"] = "/admin/q/grassroots-service/set-asides/1/restore",
    };

    private List<(string Key, RouteEndpoint Endpoint)> MappedRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => ($"{m} {e.RoutePattern.RawText}", e)))
            .Where(r => !IsStaticAsset(r.e))
            .ToList();

    private static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText is { } raw && (raw.EndsWith(".css") || raw.EndsWith(".js") || raw.EndsWith(".svg") || raw.EndsWith(".ico"));

    [Fact]
    public void Every_mapped_route_is_public_by_name_or_requires_the_organiser_policy_and_is_tested_here()
    {
        var mapped = MappedRoutes();
        var organiserOnly = mapped.Where(r => r.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == OrganiserPolicy.Name))
            .Select(r => r.Key).ToHashSet();
        var unprotected = mapped.Select(r => r.Key).Where(k => !organiserOnly.Contains(k) && !Public.Contains(k)).ToList();
        Assert.True(unprotected.Count == 0, "routes neither public by name nor organiser-only: " + string.Join(", ", unprotected));
        Assert.Equal(Protected.Keys.Order(), organiserOnly.Order());
        // Public routes really are anonymous (none carries the organiser policy by mistake).
        Assert.DoesNotContain(mapped, r => Public.Contains(r.Key) && organiserOnly.Contains(r.Key));
    }

    [Fact]
    public async Task Without_sign_in_every_organiser_route_answers_401_or_redirects_to_sign_in()
    {
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var clients = 0;
        foreach (var (route, url) in Protected)
        {
            foreach (var credentials in new[] { null, new AuthenticationHeaderValue("Bearer", "not-the-token") })
            {
                var request = new HttpRequestMessage(new HttpMethod(route.Split(' ')[0]), url);
                request.Headers.Authorization = credentials;
                // Each wrong token from a client of its own: this is about 401, not the failed-sign-in limit (429).
                request.Headers.Add(TestClientAddress.Header, $"192.0.2.{++clients}");
                var response = await anonymous.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (url.StartsWith("/admin") && credentials is null)
                {
                    Assert.True(HttpStatusCode.Redirect == response.StatusCode, $"{route}: {response.StatusCode}");
                    Assert.StartsWith("/admin/sign-in?returnUrl=", response.Headers.Location!.PathAndQuery);
                }
                else Assert.True(HttpStatusCode.Unauthorized == response.StatusCode, $"{route} ({credentials?.Scheme ?? "anonymous"}): {response.StatusCode}");
                Assert.DoesNotContain("普通群众", body);
            }
            // A forged cookie is no sign-in either.
            var forged = new HttpRequestMessage(new HttpMethod(route.Split(' ')[0]), url);
            forged.Headers.Add("Cookie", OrganiserPolicy.CookieName + "=CfDJ8forged");
            Assert.Contains((await anonymous.SendAsync(forged)).StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Redirect });
        }
    }

    [Fact]
    public async Task With_the_token_every_organiser_route_answers()
    {
        var organiser = app.CreateOrganiserClient();
        foreach (var (route, url) in Protected.Where(p => !p.Key.Contains("chart") && p.Key.StartsWith("GET ")))
            // A batch that does not exist answers 404 (past the sign-in check, which is what is tested here).
            Assert.True((await organiser.GetAsync(url)).StatusCode == (url.Contains(MissingBatch) ? HttpStatusCode.NotFound : HttpStatusCode.OK), route);
    }

    [Fact]
    public async Task The_openapi_document_covers_every_route_and_requires_the_organiser_schemes_on_protected_ones()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("organiserToken").GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty("organiserCookie").GetProperty("in").GetString());
        var paths = document.GetProperty("paths");
        foreach (var (key, endpoint) in MappedRoutes())
        {
            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true) continue;
            // The OpenAPI document itself and the health check (not an API operation: no HTTP method metadata) are not described.
            if (key.StartsWith("GET /openapi/") || key.StartsWith("* ")) continue;
            var method = key.Split(' ')[0].ToLowerInvariant();
            var path = key.Split(' ', 2)[1];
            path = path.Length > 1 ? path.TrimEnd('/') : path;
            var operation = default(JsonElement);
            Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out operation), $"{key} is in the OpenAPI document");
            var secured = operation.TryGetProperty("security", out var security)
                ? security.EnumerateArray().SelectMany(s => s.EnumerateObject().Select(p => p.Name)).ToHashSet() : [];
            if (Protected.ContainsKey(key)) Assert.Equal(new HashSet<string> { "organiserToken", "organiserCookie" }, secured);
            else Assert.Empty(secured);
        }
    }
}

public sealed class OrganiserRouteProtectionSqliteTests(SqliteApp app) : OrganiserRouteProtectionTests(app), IClassFixture<SqliteApp>;

public sealed class OrganiserRouteProtectionPostgresTests(PostgresApp app) : OrganiserRouteProtectionTests(app), IClassFixture<PostgresApp>;
