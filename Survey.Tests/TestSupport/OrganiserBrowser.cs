using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Survey.Tests.TestSupport;

/// <summary>An HttpClient that keeps cookies and does not follow redirects, and fills in forms the way a browser does.</summary>
public sealed partial class OrganiserBrowser(WebApplicationFactory<Program> app, string clientAddress = "10.0.0.1")
{
    public HttpClient Client { get; } = Create(app, clientAddress);

    private static HttpClient Create(WebApplicationFactory<Program> app, string clientAddress)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, clientAddress);
        return client;
    }

    /// <summary>The anti-forgery field of the first form on the page.</summary>
    public static KeyValuePair<string, string> AntiforgeryField(string html)
    {
        var match = AntiforgeryInput().Match(html);
        Assert.True(match.Success, "the form carries an anti-forgery field");
        return new(match.Groups[1].Value, WebUtility.HtmlDecode(match.Groups[2].Value));
    }

    public async Task<HttpResponseMessage> SignInAsync(string? name, string password, string? returnUrl = null)
    {
        var form = await Client.GetStringAsync("/admin/sign-in");
        return await Client.PostAsync("/admin/sign-in", new FormUrlEncodedContent(
        [
            AntiforgeryField(form),
            new("name", name ?? ""),
            new("password", password),
            new("returnUrl", returnUrl ?? ""),
        ]));
    }

    [GeneratedRegex("""<input type="hidden" name="(__RequestVerificationToken[^"]*)" value="([^"]+)">""")]
    private static partial Regex AntiforgeryInput();
}
