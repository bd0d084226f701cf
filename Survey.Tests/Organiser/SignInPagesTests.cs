using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Auth;
using Survey.Api.Organiser;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Organiser;

/// <summary>Browser sign-in: token or hashed-password account, anti-forgery, cookie flags, wrong password, rate limit, sign-out.</summary>
public abstract class SignInPagesTests
{
    private const string Account = "zhang.wei";
    private const string Password = "正确的密码 correct horse";
    private const int Attempts = 4;

    private readonly WebApplicationFactory<Program> app;

    protected SignInPagesTests(SurveyAppFactory factory) =>
        // A host of its own per test: a fresh rate limiter, an organiser account, a small attempt limit.
        app = factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Survey:Organisers:0:Name", Account);
            builder.UseSetting("Survey:Organisers:0:PasswordHash", OrganiserCredentials.HashPassword(Password));
            builder.UseSetting("Survey:SignInAttempts", Attempts.ToString());
            builder.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestClientAddress>());
        });

    [Fact]
    public async Task Signing_in_with_the_token_sets_a_strict_http_only_cookie_that_opens_the_dashboard_and_the_api()
    {
        var browser = new OrganiserBrowser(app);
        var before = await browser.Client.GetAsync("/admin/q/grassroots-service?where=identity:cadre");
        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        Assert.StartsWith("/admin/sign-in?returnUrl=", before.Headers.Location!.OriginalString.Replace("http://localhost", ""));

        var signIn = await browser.SignInAsync(null, SurveyAppFactory.OrganiserToken, "/admin/q/grassroots-service?where=identity:cadre");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/admin/q/grassroots-service?where=identity:cadre", signIn.Headers.Location!.OriginalString);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(OrganiserPolicy.CookieName + "="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie);

        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/api/questionnaires/grassroots-service/results")).StatusCode);
    }

    [Fact]
    public async Task A_configured_account_signs_in_with_its_password_and_a_wrong_password_gets_an_error()
    {
        var browser = new OrganiserBrowser(app);
        var wrong = await browser.SignInAsync(Account, "wrong password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains(SignInPages.WrongCredentials, await wrong.Content.ReadAsStringAsync());
        Assert.False(wrong.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(OrganiserPolicy.CookieName + "=")));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/admin")).StatusCode);

        // The token is not a password for a named account, and an unknown name gets the same answer.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SignInAsync(Account, SurveyAppFactory.OrganiserToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new OrganiserBrowser(app, "10.0.0.9").SignInAsync("nobody", Password)).StatusCode);

        var right = await new OrganiserBrowser(app, "10.0.0.2").SignInAsync(Account, Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/admin", right.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Posting_without_the_anti_forgery_token_is_refused()
    {
        var browser = new OrganiserBrowser(app);
        var response = await browser.Client.PostAsync("/admin/sign-in", new FormUrlEncodedContent(
            [new("name", ""), new("password", SurveyAppFactory.OrganiserToken)]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Repeated_failures_from_one_client_get_429_in_chinese_while_other_clients_still_sign_in()
    {
        var attacker = new OrganiserBrowser(app, "192.0.2.7");
        for (var i = 0; i < Attempts; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.SignInAsync(null, "guess-" + i)).StatusCode);
        var limited = await attacker.SignInAsync(null, SurveyAppFactory.OrganiserToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(SignInRateLimit.Message, await limited.Content.ReadAsStringAsync());
        Assert.True(limited.Headers.RetryAfter is not null);

        var colleague = new OrganiserBrowser(app, "198.51.100.4");
        Assert.Equal(HttpStatusCode.Redirect, (await colleague.SignInAsync(null, SurveyAppFactory.OrganiserToken)).StatusCode);
    }

    [Fact]
    public async Task Successful_sign_ins_from_one_address_do_not_use_up_the_limit()
    {
        // A street office: many staff behind one address sign in correctly in the morning, one mistypes.
        for (var i = 0; i < Attempts * 3; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await new OrganiserBrowser(app, "203.0.113.5").SignInAsync(Account, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new OrganiserBrowser(app, "203.0.113.5").SignInAsync(Account, "typo")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await new OrganiserBrowser(app, "203.0.113.5").SignInAsync(Account, Password)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_needs_the_form_token_and_ends_the_session()
    {
        var browser = new OrganiserBrowser(app);
        await browser.SignInAsync(null, SurveyAppFactory.OrganiserToken);
        var dashboard = await browser.Client.GetStringAsync("/admin");
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.Client.PostAsync("/admin/sign-out", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/admin")).StatusCode);

        var signOut = await browser.Client.PostAsync("/admin/sign-out", new FormUrlEncodedContent([OrganiserBrowser.AntiforgeryField(dashboard)]));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Client.GetAsync("/api/questionnaires/grassroots-service/results")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_never_sends_the_browser_off_site()
    {
        var browser = new OrganiserBrowser(app);
        foreach (var target in new[] { "https://evil.example/admin", "//evil.example", "/admin//evil.example", "/api/questionnaires" })
        {
            var response = await browser.SignInAsync(null, SurveyAppFactory.OrganiserToken, target);
            Assert.Equal("/admin", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public void Hash_password_command_prints_a_hash_that_verifies()
    {
        var output = new StringWriter();
        Assert.Equal(0, PasswordHashCommand.Run(new StringReader("s3cret 密码\n"), output, TextWriter.Null));
        var hash = output.ToString().Trim();
        Assert.DoesNotContain("s3cret", hash);
        var verifier = new Microsoft.AspNetCore.Identity.PasswordHasher<OrganiserAccount>();
        Assert.NotEqual(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed, verifier.VerifyHashedPassword(new OrganiserAccount(), hash, "s3cret 密码"));
        Assert.Equal(1, PasswordHashCommand.Run(new StringReader(""), TextWriter.Null, TextWriter.Null));
    }
}

public sealed class SignInPagesSqliteTests(SqliteApp app) : SignInPagesTests(app), IClassFixture<SqliteApp>;

public sealed class SignInPagesPostgresTests(PostgresApp app) : SignInPagesTests(app), IClassFixture<PostgresApp>;
