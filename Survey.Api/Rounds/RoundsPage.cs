using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Analysis.League;
using Survey.Api.Apis;
using Survey.Api.Auth;
using Survey.Api.Organiser;
using Survey.Api.Results;
using Survey.Core.Questionnaires;
using static Survey.Api.Organiser.AdminHtml;

namespace Survey.Api.Rounds;

/// <summary>The organiser page of a questionnaire's rounds: the trend chart, and the league table of a round with its chart.</summary>
public static class RoundsPage
{
    public static RouteGroupBuilder MapRoundsPage(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/admin/q/{id}").WithTags("Organiser dashboard").RequireAuthorization(OrganiserPolicy.Name);
        pages.MapGet("/rounds", ShowRounds).WithName(nameof(ShowRounds))
            .WithSummary("测评轮次页面").WithDescription("组织者页面（HTML）：所选轮次的满意度走势图、三步测评综合得分排名表和排名图。").Produces(200, contentType: "text/html");
        return pages;
    }

    public static async Task<Results<ContentHttpResult, NotFound<string>>> ShowRounds(
        [AsParameters] OrganiserQuery query, HttpContext context, QuestionnaireCatalog catalog, TrendService trends, LeagueService leagues,
        CancellationToken cancellationToken)
    {
        var id = query.Id;
        if (catalog.Find(id) is not { HasScoredItems: true } questionnaire) return TypedResults.NotFound($"问卷“{id}”没有满意度评分题。");
        var api = $"/api/questionnaires/{Uri.EscapeDataString(id)}";
        var (resolvedQuery, resolved, problem) = await RoundsApi.ResolveLeagueAsync(query, catalog, trends, cancellationToken);
        var by = resolvedQuery?.By;
        Markup league;
        if (problem is not null || by is null || resolved is null)
            league = Html($"""<p class="error" role="alert">无法生成排名：请选择轮次，并确认问卷配置了被测评单位。</p>""");
        else
        {
            var (result, figures) = await leagues.ComputeAsync(questionnaire, resolvedQuery!.Filter, by, resolved, cancellationToken);
            var view = leagues.View(questionnaire, by, resolved, result, figures);
            var chartQuery = QueryString.Create([new KeyValuePair<string, string?>("by", by.Id), new("round", resolved.Id)]);
            league = Html($"""
                <h2>{TrendCharts.LeagueTitle(by, resolved, result)}</h2>
                <p class="muted">{resolved.Label}共 {view.N} 份答卷。{(result.RankedByComposite ? "综合得分" : "群众满意度指数")}相同字母者差异不显著（Welch t 检验，Holm 校正）；不足 {view.SuppressionThreshold} 人的单位列为“样本不足”，不排名。{view.SatisfiedRateDefinition}</p>
                {Table(view)}
                <img class="chart" src="{api}/league/chart.svg{chartQuery}" alt="排名图">
                <p><a href="/admin/q/{Uri.EscapeDataString(id)}/assessments?round={Uri.EscapeDataString(resolved.Id)}">录入自评与组织考评（{resolved.Label}）</a></p>
                """);
        }
        var selector = RoundSelector.Field(context, questionnaire, resolved);
        return Page(context, $"测评轮次 · {questionnaire.Title}", Html($"""
            <nav class="crumbs"><a href="/admin">全部问卷</a> › <a href="/admin/q/{Uri.EscapeDataString(id)}">{questionnaire.Title}</a></nav>
            <h1>测评轮次：走势与排名</h1>
            <form class="filters" method="get"><fieldset><legend>轮次</legend>{selector}</fieldset><div class="actions"><button type="submit">查看</button></div></form>
            <h2>满意度走势</h2>
            <p class="muted">每一轮与上一轮比较：指数用 Welch t 检验，比例用两独立样本比例 z 检验，0.05 水平下标为“显著上升”“显著下降”或“无显著变化”（见 <a href="{api}/trend">走势数据</a>）。</p>
            <img class="chart" src="{api}/trend/chart.svg" alt="满意度指数走势图">
            {league}
            """));
    }

    private static Markup Table(LeagueResults view) => Html($"""
        <table class="league"><thead><tr><th class="number">名次</th><th>单位</th><th class="number">答卷</th><th class="number">满意度指数</th><th>95% 置信区间</th><th class="number">满意率 (%)</th><th class="number">自评</th><th class="number">组织考评</th><th class="number">综合得分</th><th>组别</th></tr></thead>
        <tbody>{view.Rows.Select(r => r.Status is { } status
            ? Html($"""<tr class="suppressed"><td></td><th scope="row">{r.Label}</th><td colspan="8">{status}</td></tr>""")
            : Html($"""<tr><td class="number">{r.Rank}</td><th scope="row">{r.Label}</th><td class="number">{r.N}</td><td class="number">{F(r.Index)}</td><td>{F(r.CiLow)} – {F(r.CiHigh)}</td><td class="number">{F(r.SatisfiedRate)}</td><td class="number">{F(r.Self)}</td><td class="number">{F(r.Review)}</td><td class="number">{F(r.Composite)}</td><td>{r.Letters}</td></tr>"""))}</tbody>
        </table>
        """);

    private static string F(double? value) => value?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "—";
}
