using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Survey.Api.Model;
using Survey.Api.Security;
using Survey.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Survey.Tests.ResidentForm;

/// <summary>
/// The resident form in headless Chromium at 360×740 CSS pixels, with and without JavaScript, against the real
/// application on a real port (SQLite; the server-side paths run on PostgreSQL too in <see cref="ResidentFormEndpointsTests"/>).
/// </summary>
public sealed class ResidentFormBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    private const string Grassroots = "/q/grassroots-service";
    private const string Satisfaction = "/q/resident-satisfaction";
    private const string ConditionInWords = "仅限第1题选择“村(社区)“两委”干部”的人回答";

    private readonly List<IPage> pages = [];
    private readonly List<string> consoleProblems = [];

    private async Task<IPage> Open(string path, bool javaScript = true)
    {
        var page = await browser.NewPageAsync(javaScript);
        pages.Add(page);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning") consoleProblems.Add(message.Text);
        };
        // An alert would mean text from a resident or a definition ran as script.
        page.Dialog += (_, dialog) => consoleProblems.Add("dialog: " + dialog.Message);
        page.PageError += (_, error) => consoleProblems.Add("script error: " + error);
        var response = await page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        return page;
    }

    /// <summary>Chromium logs every 4xx response; for a refused submission that is the expected answer, not a problem.</summary>
    private void ExpectRefusal() => refusalExpected = true;

    private bool refusalExpected;

    private void AssertNoConsoleProblems()
    {
        if (refusalExpected) consoleProblems.RemoveAll(p => p.Contains("the server responded with a status of 400"));
        Assert.Empty(consoleProblems);
    }

    private static ILocator Box(IPage page, string question, string option) => page.Locator($"#q-{question}-{option}");

    private static ILocator Question(IPage page, string question) => page.Locator($"#q-{question}");

    private Task<HashSet<Guid>> ResponseIds() => browser.App.QueryAsync(async db => (await db.Responses.Select(r => r.Id).ToListAsync()).ToHashSet());

    /// <summary>Runs the action and returns the one response it stored (fails if it stored none or several).</summary>
    private async Task<StoredResponse> StoredBy(Func<Task> action)
    {
        var before = await ResponseIds();
        await action();
        var created = (await ResponseIds()).Except(before).ToList();
        Assert.Single(created);
        return await browser.App.StoredResponseAsync(created[0]);
    }

    private static List<string> Chosen(StoredResponse response) => response.Answers;

    private static async Task SubmitAndExpectThanks(IPage page, string questionnairePath)
    {
        await page.ClickAsync("#submit");
        await ExpectThanks(page, questionnairePath);
    }

    /// <summary>With JavaScript the navigation starts when the 201 arrives, after the click returned: see <see cref="PageArrival"/>.</summary>
    private static async Task ExpectThanks(IPage page, string questionnairePath)
    {
        await PageArrival.ExpectPathAsync(page, $"{questionnairePath}/thanks");
        await Expect(page.Locator(".thanks")).ToContainTextAsync("衷心感谢您的支持配合！");
    }

    private static async Task Screenshot(IPage page, string name)
    {
        var path = Path.Combine(BrowserApp.ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 10_000, $"{path} looks empty");
    }

    [Fact]
    public async Task A_resident_never_sees_question_5_cannot_tick_a_4th_of_3_and_exactly_the_ticked_options_are_stored()
    {
        var page = await Open(Grassroots);
        await Expect(Question(page, "services-offered")).ToBeHiddenAsync();
        await Box(page, "identity", "resident").CheckAsync();
        await Box(page, "necessity", "worth-trying").CheckAsync();
        await Expect(Question(page, "services-offered")).ToBeHiddenAsync();

        await Expect(Question(page, "problems").Locator(".rule")).ToContainTextAsync("最多选择3项");
        foreach (var option in new[] { "showing-off", "superficial", "no-lasting-mechanism" })
            await Box(page, "problems", option).CheckAsync();
        // The 4th tick (on the label, as a finger would) is refused, and the form says why.
        await page.ClickAsync("label[for='q-problems-other']");
        await Expect(Box(page, "problems", "other")).Not.ToBeCheckedAsync();
        await Expect(Question(page, "problems").Locator(".limit")).ToContainTextAsync("最多选择3项");
        await Expect(page.Locator("#q-problems-other-text")).ToBeDisabledAsync();
        // Unticking one makes room again.
        await Box(page, "problems", "superficial").UncheckAsync();
        await Expect(Question(page, "problems").Locator(".limit")).ToBeHiddenAsync();
        await Box(page, "problems", "superficial").CheckAsync();

        await Box(page, "satisfying-ways", "contact-card").CheckAsync();
        await Box(page, "urgent-needs", "legal-services").CheckAsync();
        await Box(page, "urgent-needs", "job-training").CheckAsync();
        await Box(page, "urgent-needs", "job-training").UncheckAsync();

        var stored = await StoredBy(() => SubmitAndExpectThanks(page, Grassroots));
        Assert.Equal(["identity:resident", "necessity:worth-trying", "problems:no-lasting-mechanism", "problems:showing-off",
                      "problems:superficial", "satisfying-ways:contact-card", "urgent-needs:legal-services"], Chosen(stored));
        Assert.Empty(stored.Texts);
        Assert.Equal("grassroots-service", stored.QuestionnaireId);
        AssertNoConsoleProblems();
    }

    [Fact]
    public async Task For_a_cadre_question_5_appears_and_switching_back_to_resident_hides_it_and_clears_its_ticks()
    {
        var page = await Open(Grassroots);
        await Expect(Question(page, "services-offered")).ToBeHiddenAsync();
        await Box(page, "identity", "cadre").CheckAsync();
        await Expect(Question(page, "services-offered")).ToBeVisibleAsync();
        await Expect(Question(page, "services-offered").Locator(".rule")).ToContainTextAsync(ConditionInWords);
        await Box(page, "services-offered", "policy-advice").CheckAsync();
        await Box(page, "services-offered", "other").CheckAsync();
        await page.FillAsync("#q-services-offered-other-text", "帮助办理低保");

        await Box(page, "identity", "resident").CheckAsync();
        await Expect(Question(page, "services-offered")).ToBeHiddenAsync();
        await Box(page, "identity", "cadre").CheckAsync();
        await Expect(Question(page, "services-offered")).ToBeVisibleAsync();
        foreach (var option in new[] { "policy-advice", "certificates", "dispute-mediation", "legal-education", "other" })
            await Expect(Box(page, "services-offered", option)).Not.ToBeCheckedAsync();
        await Expect(page.Locator("#q-services-offered-other-text")).ToHaveValueAsync("");
        await Expect(page.Locator("#q-services-offered-other-text")).ToBeDisabledAsync();

        // Ticked again as a cadre and submitted: question 5 is stored too.
        await Box(page, "services-offered", "dispute-mediation").CheckAsync();
        var stored = await StoredBy(() => SubmitAndExpectThanks(page, Grassroots));
        Assert.Equal(["identity:cadre", "services-offered:dispute-mediation"], Chosen(stored));

        // Cadre → resident before submitting: nothing of question 5 reaches the server.
        var second = await Open(Grassroots);
        await Box(second, "identity", "cadre").CheckAsync();
        await Box(second, "services-offered", "certificates").CheckAsync();
        await Box(second, "identity", "member").CheckAsync();
        var member = await StoredBy(() => SubmitAndExpectThanks(second, Grassroots));
        Assert.Equal(["identity:member"], Chosen(member));
        AssertNoConsoleProblems();
    }

    [Fact]
    public async Task Other_with_own_words_including_script_is_stored_verbatim_and_its_box_is_enabled_only_while_ticked()
    {
        const string words = "<script>alert('x')</script>上门服务 & “代办”";
        var page = await Open(Grassroots);
        await Box(page, "identity", "member").CheckAsync();
        var otherText = page.Locator("#q-satisfying-ways-other-text");
        await Expect(otherText).ToBeDisabledAsync();
        await Box(page, "satisfying-ways", "other").CheckAsync();
        await Expect(otherText).ToBeEnabledAsync();
        await Expect(otherText).ToBeFocusedAsync();
        await otherText.FillAsync(words);
        await Box(page, "satisfying-ways", "other").UncheckAsync();
        await Expect(otherText).ToBeDisabledAsync();
        await Box(page, "satisfying-ways", "other").CheckAsync();
        await Expect(otherText).ToHaveValueAsync(words);

        // A single-choice "other" too.
        await Box(page, "groups-in-need", "other").CheckAsync();
        await page.FillAsync("#q-groups-in-need-other-text", "外来务工人员");

        var stored = await StoredBy(() => SubmitAndExpectThanks(page, Grassroots));
        Assert.Equal(["groups-in-need:other", "identity:member", "satisfying-ways:other"], Chosen(stored));
        Assert.Equal(["groups-in-need:other:外来务工人员", $"satisfying-ways:other:{words}"],
            stored.Texts.Select(t => $"{t.QuestionId}:{t.OptionId}:{t.Text}").Order(StringComparer.Ordinal));
        AssertNoConsoleProblems();
    }

    [Fact]
    public async Task Without_javascript_the_classic_post_stores_the_answers_and_thanks()
    {
        var page = await Open(Grassroots, javaScript: false);
        // Question 5 is shown, with its condition in words.
        await Expect(Question(page, "services-offered")).ToBeVisibleAsync();
        await Expect(Question(page, "services-offered").Locator(".rule")).ToContainTextAsync(ConditionInWords);
        await Box(page, "identity", "resident").CheckAsync();
        foreach (var option in new[] { "showing-off", "other" })
            await Box(page, "problems", option).CheckAsync();
        await page.FillAsync("#q-problems-other-text", "<b>形式主义</b>");
        await Box(page, "overall-view", "routine-average").CheckAsync();

        var stored = await StoredBy(() => SubmitAndExpectThanks(page, Grassroots));
        Assert.Equal(["identity:resident", "overall-view:routine-average", "problems:other", "problems:showing-off"], Chosen(stored));
        Assert.Equal(["problems:other:<b>形式主义</b>"], stored.Texts.Select(t => $"{t.QuestionId}:{t.OptionId}:{t.Text}"));
        AssertNoConsoleProblems();
    }

    [Fact]
    public async Task Without_javascript_an_over_limit_submission_comes_back_with_the_error_beside_the_question_and_the_answers_kept()
    {
        const string words = "<script>alert(1)</script>送医上门";
        var page = await Open(Grassroots, javaScript: false);
        await Box(page, "identity", "cadre").CheckAsync();
        await Box(page, "services-offered", "legal-education").CheckAsync();
        foreach (var option in new[] { "showing-off", "superficial", "no-lasting-mechanism", "other" })
            await Box(page, "problems", option).CheckAsync();
        await page.FillAsync("#q-problems-other-text", words);

        var before = await browser.App.RowCountsAsync();
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#submit"), r => r.Request.Method == "POST");
        Assert.Equal(400, response.Status);
        ExpectRefusal();
        await page.WaitForLoadStateAsync();
        Assert.Equal(before, await browser.App.RowCountsAsync());

        var error = page.Locator("#q-problems-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("最多选择3项");
        await Expect(Question(page, "problems")).ToHaveAttributeAsync("aria-invalid", "true");
        // Only the broken question is marked.
        await Expect(page.Locator("#q-identity-error")).ToBeHiddenAsync();
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("第9题：最多选择3项");
        foreach (var option in new[] { "showing-off", "superficial", "no-lasting-mechanism", "other" })
            await Expect(Box(page, "problems", option)).ToBeCheckedAsync();
        await Expect(Box(page, "identity", "cadre")).ToBeCheckedAsync();
        await Expect(Box(page, "services-offered", "legal-education")).ToBeCheckedAsync();
        // The resident's words come back as text (escaped in the HTML), not as markup or script.
        await Expect(page.Locator("#q-problems-other-text")).ToHaveValueAsync(words);
        Assert.Equal(1, await page.Locator("script").CountAsync());
        await Screenshot(page, "grassroots-service-360x740-nojs-error");

        // Corrected and sent again: stored, with the kept answers.
        await Box(page, "problems", "superficial").UncheckAsync();
        var stored = await StoredBy(() => SubmitAndExpectThanks(page, Grassroots));
        Assert.Equal(["identity:cadre", "problems:no-lasting-mechanism", "problems:other", "problems:showing-off",
                      "services-offered:legal-education"], Chosen(stored));
        Assert.Equal([$"problems:other:{words}"], stored.Texts.Select(t => $"{t.QuestionId}:{t.OptionId}:{t.Text}"));
        AssertNoConsoleProblems();
    }

    [Fact]
    public async Task With_javascript_server_errors_are_shown_beside_their_questions()
    {
        var page = await Open("/q/test-rules");
        // The minimum (2) is the server's to enforce: one tick is sent and refused.
        await Box(page, "pick-two", "a").CheckAsync();
        var before = await browser.App.RowCountsAsync();
        await page.ClickAsync("#submit");
        var error = page.Locator("#q-pick-two-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("至少选择2项");
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("第1题：至少选择2项");
        await Expect(page.Locator("#submit")).ToBeEnabledAsync();
        Assert.Equal(before, await browser.App.RowCountsAsync());
        Assert.EndsWith("/q/test-rules", page.Url);
        ExpectRefusal();

        // Picking "丙" shows the follow-up question; the corrected form is stored.
        await Expect(Question(page, "follow-up")).ToBeHiddenAsync();
        await Box(page, "pick-two", "c").CheckAsync();
        await Expect(Question(page, "follow-up")).ToBeVisibleAsync();
        await Box(page, "follow-up", "yes").CheckAsync();
        await page.FillAsync("#q-short-text", "很好");
        var stored = await StoredBy(() => SubmitAndExpectThanks(page, "/q/test-rules"));
        Assert.Equal(["follow-up:yes", "pick-two:a", "pick-two:c"], Chosen(stored));
        Assert.Equal(["short::很好"], stored.Texts.Select(t => $"{t.QuestionId}:{t.OptionId}:{t.Text}"));
        // The refused first attempt did not use up the page's idempotency key.
        AssertNoConsoleProblems();
    }

    [Fact]
    public async Task A_double_click_on_submit_stores_one_response()
    {
        var page = await Open(Grassroots);
        await Box(page, "identity", "resident").CheckAsync();
        await Box(page, "overall-view", "varied-and-new").CheckAsync();
        var stored = await StoredBy(async () =>
        {
            await page.DblClickAsync("#submit");
            await ExpectThanks(page, Grassroots);
        });
        Assert.Equal(["identity:resident", "overall-view:varied-and-new"], Chosen(stored));
        AssertNoConsoleProblems();
    }

    [Fact]
    public async Task A_retry_after_the_answer_to_the_first_send_was_lost_stores_one_response()
    {
        var page = await Open(Grassroots);
        await Box(page, "identity", "member").CheckAsync();
        await Box(page, "necessity", "very-necessary").CheckAsync();
        var sends = new List<string?>();
        // The first send reaches the server (and is stored) but its answer never reaches the phone.
        await page.RouteAsync("**/api/questionnaires/grassroots-service/responses", async route =>
        {
            sends.Add(await route.Request.HeaderValueAsync("idempotency-key"));
            if (sends.Count == 1)
            {
                await route.FetchAsync();
                await route.AbortAsync("connectionreset");
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        var stored = await StoredBy(async () =>
        {
            await page.ClickAsync("#submit");
            await Expect(page.Locator("#form-errors")).ToContainTextAsync("网络连接异常");
            await Expect(page.Locator("#submit")).ToBeEnabledAsync();
            await SubmitAndExpectThanks(page, Grassroots);
        });
        Assert.Equal(["identity:member", "necessity:very-necessary"], Chosen(stored));
        Assert.Equal(2, sends.Count);
        Assert.False(string.IsNullOrEmpty(sends[0]));
        Assert.Equal(sends[0], sends[1]);
        consoleProblems.RemoveAll(p => p.Contains("ERR_CONNECTION_RESET") || p.Contains("Failed to load resource"));
        AssertNoConsoleProblems();
    }

    [Fact]
    public async Task With_javascript_a_busy_server_keeps_the_answers_says_when_to_try_again_and_the_retry_stores_once()
    {
        var page = await Open(Grassroots);
        await Box(page, "identity", "resident").CheckAsync();
        await Box(page, "necessity", "very-necessary").CheckAsync();
        var sends = new List<string?>();
        // The first send is answered as the server answers when busy or when the database is down (Limits/TryAgain).
        await page.RouteAsync("**/api/questionnaires/grassroots-service/responses", async route =>
        {
            sends.Add(await route.Request.HeaderValueAsync("idempotency-key"));
            if (sends.Count == 1)
                await route.FulfillAsync(new()
                {
                    Status = 503,
                    ContentType = "application/problem+json",
                    Headers = new Dictionary<string, string> { ["Retry-After"] = "5" },
                    Body = System.Text.Json.JsonSerializer.Serialize(new { status = 503, title = Survey.Api.Limits.TryAgain.BusyTitle, detail = Survey.Api.Limits.TryAgain.BusyDetail }),
                });
            else
                await route.ContinueAsync();
        });
        var stored = await StoredBy(async () =>
        {
            await page.ClickAsync("#submit");
            await Expect(page.Locator("#form-errors")).ToContainTextAsync(Survey.Api.Limits.TryAgain.BusyDetail);
            await Expect(page.Locator("#form-errors")).ToContainTextAsync("答卷暂未保存");
            await Expect(page.Locator("body")).ToContainTextAsync("请约5秒后再次提交");
            await Expect(Box(page, "identity", "resident")).ToBeCheckedAsync();
            await Expect(Box(page, "necessity", "very-necessary")).ToBeCheckedAsync();
            await Expect(page.Locator("#submit")).ToBeEnabledAsync();
            await SubmitAndExpectThanks(page, Grassroots);
        });
        Assert.Equal(["identity:resident", "necessity:very-necessary"], Chosen(stored));
        Assert.Equal(2, sends.Count);
        Assert.Equal(sends[0], sends[1]);
        consoleProblems.RemoveAll(p => p.Contains("503") || p.Contains("Failed to load resource"));
        AssertNoConsoleProblems();
    }

    [Fact]
    public async Task Resident_satisfaction_is_filled_and_submitted()
    {
        var page = await Open(Satisfaction);
        await Box(page, "identity", "resident").CheckAsync();
        await Box(page, "community", "south-village").CheckAsync();
        string[] items = ["strong-leadership", "capable-team", "service-venue", "service-carriers", "sound-institutions", "satisfying-results",
                          "serve-reform", "serve-development", "serve-livelihood", "serve-residents", "serve-members"];
        string[] scale = ["satisfied", "basically-satisfied", "dissatisfied", "unknown"];
        for (var i = 0; i < items.Length; i++) await Box(page, items[i], scale[i % scale.Length]).CheckAsync();
        await page.FillAsync("#q-suggestions-text", "希望多开展“送法下乡”活动\n并定期公开账目");
        await Screenshot(page, "resident-satisfaction-360x740-filled");

        var stored = await StoredBy(() => SubmitAndExpectThanks(page, Satisfaction));
        Assert.Equal(13, stored.Answers.Count);
        Assert.Contains("community:south-village", Chosen(stored));
        Assert.Contains("serve-members:dissatisfied", Chosen(stored));
        Assert.Equal("希望多开展“送法下乡”活动\n并定期公开账目", Assert.Single(stored.Texts).Text);
        AssertNoConsoleProblems();
    }

    [Fact]
    public async Task The_form_can_be_filled_and_sent_with_the_keyboard_alone()
    {
        var page = await Open("/q/test-rules");
        await page.Keyboard.PressAsync("Tab");
        await Expect(Box(page, "pick-two", "a")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");
        await Expect(Box(page, "pick-two", "a")).ToBeCheckedAsync();
        await Expect(Box(page, "pick-two", "b")).ToBeCheckedAsync();
        // Tab past c and d (not chosen: the follow-up stays hidden) to the text box, then to the button.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#q-short-text")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("键盘");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#submit")).ToBeFocusedAsync();
        var stored = await StoredBy(async () =>
        {
            await page.Keyboard.PressAsync("Enter");
            await ExpectThanks(page, "/q/test-rules");
        });
        Assert.Equal(["pick-two:a", "pick-two:b"], Chosen(stored));
        AssertNoConsoleProblems();
    }

    [Theory]
    [InlineData("grassroots-service", true)]
    [InlineData("grassroots-service", false)]
    [InlineData("resident-satisfaction", true)]
    public async Task At_360_by_740_the_form_fits_without_sideways_scrolling_with_large_tap_targets_and_readable_text(string id, bool javaScript)
    {
        var page = await Open($"/q/{id}", javaScript);
        if (javaScript) await Box(page, "identity", "cadre").CheckAsync(); // everything shown, "other" boxes included
        await Screenshot(page, $"{id}-360x740-{(javaScript ? "js" : "nojs")}");
        await AssertPhoneLayout(page);
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("width=device-width", await page.GetAttributeAsync("meta[name=viewport]", "content"));
        AssertNoConsoleProblems();
    }

    [Fact]
    public async Task The_list_and_thank_you_pages_fit_a_phone_too()
    {
        var page = await Open("/");
        await Expect(page.Locator("a[href='/q/grassroots-service']")).ToHaveTextAsync("基层服务型党组织建设调查问卷");
        await Expect(page.Locator("a[href='/q/resident-satisfaction']")).ToHaveTextAsync("基层服务型党组织群众满意度测评表");
        await Screenshot(page, "index-360x740");
        await AssertPhoneLayout(page);
        await page.ClickAsync("a[href='/q/test-rules']");
        await Expect(page.Locator("h1")).ToHaveTextAsync("测试问卷");

        var thanks = await Open($"{Grassroots}/thanks");
        await Expect(thanks.Locator(".thanks")).ToContainTextAsync("衷心感谢您的支持配合！");
        await Screenshot(thanks, "thanks-360x740");
        await AssertPhoneLayout(thanks);
        AssertNoConsoleProblems();
    }

    [Fact]
    public async Task Pages_carry_the_content_security_policy_and_nosniff_and_the_script_and_styles_obey_it()
    {
        var page = await browser.NewPageAsync();
        pages.Add(page);
        var violations = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) violations.Add(message.Text); };
        var response = await page.GotoAsync(Grassroots);
        var headers = await response!.AllHeadersAsync();
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, headers["content-security-policy"]);
        foreach (var directive in new[] { "default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'" })
            Assert.Contains(directive, headers["content-security-policy"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("no-referrer", headers["referrer-policy"]);
        Assert.False(headers.ContainsKey("set-cookie"));
        // The stylesheet applied (so it was allowed) and the script ran (it disabled the "other" boxes).
        Assert.Equal("0px", await page.EvalOnSelectorAsync<string>("#q-identity", "e => getComputedStyle(e).minWidth"));
        await Expect(page.Locator("#q-problems-other-text")).ToBeDisabledAsync();
        Assert.Empty(violations);
    }

    /// <summary>No sideways scrolling at 360 px; every control at least 44 px high; text at least 16 px.</summary>
    private static async Task AssertPhoneLayout(IPage page)
    {
        var scrollWidth = await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth");
        Assert.True(scrollWidth <= BrowserApp.PhoneWidth, $"page is {scrollWidth}px wide at {BrowserApp.PhoneWidth}px");

        // The tap target of a radio button or check box is its row (the label is tied to it with for=).
        var small = await page.EvaluateAsync<string[]>("""
            () => Array.from(document.querySelectorAll('.option > label, input[type=text], textarea, button, .questionnaire-list a, a.back'))
                .filter(e => e.offsetParent !== null)
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([e, r]) => r.height < 44 || r.right > document.documentElement.clientWidth + 0.5)
                .map(([e, r]) => (e.id || e.htmlFor || e.textContent).trim() + ' ' + Math.round(r.width) + 'x' + Math.round(r.height) + ' right=' + Math.round(r.right))
            """);
        Assert.True(small.Length == 0, "too small or cut off: " + string.Join("; ", small));

        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => Array.from(document.querySelectorAll('input:not([type=hidden]), textarea'))
                .filter(e => !document.querySelector('label[for="' + e.id + '"]')).map(e => e.name)
            """);
        Assert.Empty(unlabelled);

        var tinyText = await page.EvaluateAsync<string[]>("""
            () => Array.from(document.querySelectorAll('h1, p, legend, label:not(.visually-hidden), li, button, input[type=text], textarea'))
                .filter(e => e.offsetParent !== null && parseFloat(getComputedStyle(e).fontSize) < 16)
                .map(e => e.tagName + ' ' + e.textContent.trim().slice(0, 20) + ' ' + getComputedStyle(e).fontSize)
            """);
        Assert.True(tinyText.Length == 0, "text under 16px: " + string.Join("; ", tinyText));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var page in pages) await page.Context.CloseAsync();
    }
}
