using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Analysis.Wording;
using Survey.Api.Organiser;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Organiser;

/// <summary>The dashboard pages as HTML: counts from the database, residents' words escaped, filters carried by every link, CSP.</summary>
public abstract class OrganiserPagesTests(SurveyAppFactory app)
{
    private const string Id = "grassroots-service";
    private const string Hostile = "<script>alert(\"x\")</script>&amp;'";

    [Fact]
    public async Task The_dashboard_lists_each_questionnaire_with_its_response_count_and_daily_chart()
    {
        await Submissions.PostAsync(app.CreateClient(), Id, """{"answers":{"identity":["member"]}}""");
        var response = await app.CreateOrganiserClient().GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Survey.Api.Security.SecurityHeadersMiddleware.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var html = await response.Content.ReadAsStringAsync();
        var count = await app.QueryAsync(db => db.Responses.CountAsync(r => r.QuestionnaireId == Id));
        var row = Regex.Match(html, $"""<a href="/admin/q/{Id}">.*?</tr>""", RegexOptions.Singleline).Value;
        Assert.Contains($"""<td class="number">{count}</td>""", row);
        Assert.Contains("<svg class=\"daily\"", row);
        Assert.Contains($"{Survey.Core.Definitions.BeijingTime.DayOf(DateTime.UtcNow):yyyy-MM-dd}：", row); // today's bar (Beijing day) carries its date
        Assert.DoesNotContain("<script>", html.Replace("<script src=\"/admin.js\" defer></script>", ""));
        Assert.DoesNotContain("style=", html);
    }

    [Fact]
    public async Task The_questionnaire_page_escapes_residents_words_and_every_link_carries_the_filters()
    {
        var client = app.CreateClient();
        await Submissions.PostAsync(client, Id, System.Text.Json.JsonSerializer.Serialize(new
        {
            answers = new Dictionary<string, string[]> { ["identity"] = ["cadre"], ["problems"] = ["other"] },
            otherText = new Dictionary<string, string> { ["problems"] = Hostile },
        }));
        var html = await app.CreateOrganiserClient().GetStringAsync($"/admin/q/{Id}?where=identity:cadre&from=2020-01-01&by=necessity");
        Assert.DoesNotContain(Hostile, html);
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;&#x27;", html);

        // As written in the HTML attribute: & is encoded.
        const string query = "?from=2020-01-01&amp;where=identity%3Acadre&amp;by=necessity";
        // Downloads are named in words, and charts are drawn at the width of their column.
        foreach (var (file, label) in QuestionnairePage.Downloads)
            Assert.Contains($"""href="/api/questionnaires/{Id}/{file}{query}" download>{label}</a>""", html);
        Assert.Contains("原始数据 (Excel)", html);
        Assert.Contains($"""src="/api/questionnaires/{Id}/charts/identity.svg{query}&amp;width={QuestionnairePage.ChartWidth}" """.TrimEnd(), html);
        // The filter form shows the current choices.
        Assert.Contains("""<option value="identity:cadre" selected>""", html);
        Assert.Contains("""<input type="date" name="from" value="2020-01-01">""", html);
        Assert.Contains("""<option value="necessity" selected>""", html);
        // The break-down shows the cross-tab with its test in words.
        Assert.Contains("class=\"crosstab\"", html);
        Assert.Matches("差异(不)?显著|无法检验", html);
        Assert.Contains("当前视图：", html);

        var cadres = (await app.StoredAnswersAsync(Id)).Count(r => r.Answers.GetValueOrDefault("identity")?.Contains("cadre") == true);
        Assert.Contains($"基数 n = {cadres}", html);
    }

    [Fact]
    public async Task Broken_down_by_identity_the_cadre_only_question_reads_not_applicable_for_the_others_and_tests_are_named_in_chinese()
    {
        var questionnaire = app.Services.GetRequiredService<Survey.Core.Questionnaires.QuestionnaireCatalog>().Find(Id)!;
        await Submissions.PostAllAsync(app.CreateClient(), Id, SyntheticResponses.Generate(questionnaire, 40, seed: 59));
        var html = await app.CreateOrganiserClient().GetStringAsync($"/admin/q/{Id}?by=identity");
        var start = html.IndexOf("id=\"q-services-offered\"", StringComparison.Ordinal);
        var section = html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
        // Residents and members were never shown question 5: their columns say 不适用, not the withheld mark.
        Assert.Equal(2 * questionnaire.FindQuestion("services-offered")!.OptionList.Count, Regex.Matches(section, $"<td class=\"number not-asked\">{Labels.NotAsked}</td>").Count);
        Assert.Contains(Labels.NotAskedLegend, section);
        Assert.Contains("（卡方检验", html);
        Assert.Contains("（Rao-Scott 校正卡方检验", html);
        Assert.DoesNotContain("pearson-chi-square", html);
        EnglishText.AssertNone(EnglishText.VisibleText(html), "the dashboard");
        EnglishText.AssertNone(EnglishText.VisibleText(await app.CreateOrganiserClient().GetStringAsync("/admin/q/resident-satisfaction?by=identity")), "the dashboard");
        Assert.DoesNotContain("rao-scott-rs2", html);
    }

    [Fact]
    public async Task A_bad_filter_is_explained_on_the_page_and_an_unknown_questionnaire_is_404()
    {
        var organiser = app.CreateOrganiserClient();
        var bad = await organiser.GetAsync($"/admin/q/{Id}?where=identity:mayor");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("筛选条件有误", html);
        Assert.Contains("identity:mayor", html);
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync("/admin/q/no-such")).StatusCode);
    }

    [Fact]
    public async Task The_satisfaction_questionnaire_page_shows_the_indices()
    {
        var html = await app.CreateOrganiserClient().GetStringAsync("/admin/q/resident-satisfaction");
        Assert.Contains("综合满意度指数", html);
        Assert.Contains("/api/questionnaires/resident-satisfaction/satisfaction/chart.svg", html);
    }

    [Fact]
    public async Task Rating_filters_are_folded_away_until_one_is_used()
    {
        var client = app.CreateOrganiserClient();
        var plain = await client.GetStringAsync("/admin/q/resident-satisfaction");
        var fold = plain[plain.IndexOf("<details class=\"more-filters\"", StringComparison.Ordinal)..];
        fold = fold[..(fold.IndexOf("</details>", StringComparison.Ordinal) + 10)];
        Assert.StartsWith("<details class=\"more-filters\">", fold);
        Assert.Contains("按评价筛选（11项）", fold);
        Assert.Contains("value=\"strong-leadership:satisfied\"", fold);
        Assert.DoesNotContain("value=\"identity:cadre\"", fold); // the everyday filters stay in view

        var filtered = await client.GetStringAsync("/admin/q/resident-satisfaction?where=strong-leadership:satisfied");
        Assert.Contains("<details class=\"more-filters\" open>", filtered);
        Assert.DoesNotContain("more-filters", await client.GetStringAsync("/admin/q/grassroots-service"));
    }
}

public sealed class OrganiserPagesSqliteTests(SqliteApp app) : OrganiserPagesTests(app), IClassFixture<SqliteApp>;

public sealed class OrganiserPagesPostgresTests(PostgresApp app) : OrganiserPagesTests(app), IClassFixture<PostgresApp>;
