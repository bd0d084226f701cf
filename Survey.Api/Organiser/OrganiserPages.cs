using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Api.Apis;
using Survey.Api.Auth;
using Survey.Api.Infrastructure;
using Survey.Core.Questionnaires;
using Survey.Api.Results;
using Survey.Api.Schedule;
using static Survey.Api.Organiser.AdminHtml;

namespace Survey.Api.Organiser;

/// <summary>
/// The organiser dashboard (server-rendered HTML, organiser sign-in required): the questionnaires with their
/// activity, and one questionnaire's results under the chosen filters and break-down.
/// </summary>
public static class OrganiserPages
{
    public static RouteGroupBuilder MapOrganiserPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/admin").WithTags("Organiser dashboard").RequireAuthorization(OrganiserPolicy.Name);
        pages.MapGet("/", ShowDashboard).WithName(nameof(ShowDashboard)).Produces(200, contentType: "text/html")
            .WithSummary("组织者工作台").WithDescription("全部问卷及其答卷数、首末提交时间和近期每日答卷（HTML）。");
        pages.MapGet("/q/{id}", ShowQuestionnaire).WithName(nameof(ShowQuestionnaire)).Produces(200, contentType: "text/html")
            .WithSummary("问卷结果页").WithDescription("一份问卷在所选筛选、基数和分组下的图表、统计表、交叉表、满意度指数和下载链接（HTML）。");
        return pages;
    }

    public static async Task<ContentHttpResult> ShowDashboard(HttpContext context, QuestionnaireCatalog catalog, ResultsService results, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = new List<Markup>();
        foreach (var questionnaire in catalog.All)
        {
            var activity = await results.ActivityAsync(questionnaire, ResponseFilter.None, cancellationToken);
            rows.Add(Html($"""
                <tr>
                <td><a href="/admin/q/{Uri.EscapeDataString(questionnaire.Id)}">{questionnaire.Title}</a><div class="muted">{questionnaire.Id} · 第{questionnaire.Version}版 · <span class="collection-state">{CollectionWindow.DashboardLabel(questionnaire, now)}</span></div><div class="print-links">{PrintLink(questionnaire)}</div></td>
                <td class="number">{activity.Responses}</td>
                <td>{Time(activity.First)}</td>
                <td>{Time(activity.Last)}</td>
                <td>{SvgBars.Daily(activity.Days)}</td>
                </tr>
                """));
        }
        return Page(context, "工作台", Html($"""
            <h1>问卷</h1>
            <table class="questionnaires">
            <thead><tr><th>问卷</th><th class="number">答卷数</th><th>首份提交</th><th>最近提交</th><th>近{SubmissionActivity.ChartDays}天每日答卷</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            <p class="muted">时间为北京时间，精确到分钟；每日答卷按北京时间的日期计。</p>
            """));
    }

    public static async Task<Results<ContentHttpResult, NotFound<string>>> ShowQuestionnaire(
        [AsParameters] OrganiserQuery query, HttpContext context, QuestionnaireCatalog catalog, ResultsService results, SatisfactionService satisfaction,
        Integrity.FlagReport flagReport, CancellationToken cancellationToken)
    {
        if (catalog.Find(query.Id) is not { } questionnaire) return TypedResults.NotFound($"没有编号为“{query.Id}”的问卷。");
        if (query.Parse(questionnaire, out var errors) is not { } resolved)
            // A bad filter shows the page unfiltered, with what was wrong, rather than an error page.
            return QuestionnairePage.Render(context, questionnaire, null, null, null, errors.SelectMany(e => e.Value).ToList());
        var analysis = await resolved.AnalyseAsync(results, cancellationToken);
        var activity = await results.ActivityAsync(questionnaire, resolved.Filter, cancellationToken);
        var scores = questionnaire.HasScoredItems ? await resolved.SatisfactionAsync(satisfaction, cancellationToken) : null;
        var flags = Integrity.FlagsSection.Render(context, questionnaire, await flagReport.BuildAsync(questionnaire, cancellationToken));
        return QuestionnairePage.Render(context, questionnaire, analysis, activity, scores, [], flags);
    }

    /// <summary>Reaching residents on paper: slips with invitation codes, or a poster for an open questionnaire.</summary>
    private static Markup PrintLink(Questionnaire questionnaire) => questionnaire.Access == QuestionnaireAccess.Codes
        ? Html($"""<a href="/admin/q/{Uri.EscapeDataString(questionnaire.Id)}/slips">邀请码与邀请条</a>""")
        : Html($"""<a href="/admin/q/{Uri.EscapeDataString(questionnaire.Id)}/poster">打印海报</a>""");

    /// <summary>A stored (UTC) time as organisers read it: Beijing time to the minute (<see cref="BeijingTime"/>).</summary>
    public static string Time(DateTime? utc) => utc is { } t ? BeijingTime.Local(t).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
