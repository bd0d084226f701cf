using System.Globalization;
using Survey.Analysis.League;
using Survey.Analysis.Wording;
using Survey.Api.Organiser;
using Survey.Api.Rounds;
using static Survey.Api.Organiser.AdminHtml;

namespace Survey.Api.Exports;

/// <summary>
/// bulletin.html of a round's report bundle: the one-page 测评通报. The round, its responses and the composite index with
/// its change from the previous round; the league of the evaluated organisations (the league sheet's figures); the three
/// biggest rises and falls of the organisations' indices (Welch t; those withheld in either round left out, named); the three
/// biggest rises and the three biggest falls among the scored items' indices (Welch t) and satisfied rates (two-proportion
/// z, unpooled), each with its test and label at 0.05. Same stylesheet as summary.html, plus rules that keep it on one A4 page.
/// </summary>
public static class RoundBulletin
{
    public const string FileName = "bulletin.html";
    public const int Shown = 3;

    /// <summary>A change of one figure of one scored item from the previous round to this one (figures 0–100, rounded as in the trend).</summary>
    public sealed record Change(string Item, string Measure, double? Before, double? After, ChangeView Test);

    /// <summary>Every item's index and satisfied-rate change with a test (none when either round is withheld or there is no previous round).</summary>
    public static IReadOnlyList<Change> Changes(RoundReport report)
    {
        if (report.Previous is null) return [];
        var changes = new List<Change>();
        foreach (var item in report.Trend.Indices.Where(i => i.QuestionId != TrendService.CompositeId))
        {
            var (before, after) = (item.Rounds[0], item.Rounds[^1]);
            if (after.IndexChange is { } index) changes.Add(new Change(item.Text, "满意度指数", before.Index, after.Index, index));
            if (after.SatisfiedChange is { } rate) changes.Add(new Change(item.Text, "满意率 (%)", before.SatisfiedRate, after.SatisfiedRate, rate));
        }
        return changes;
    }

    public static IReadOnlyList<Change> Rises(RoundReport report) =>
        Changes(report).Where(c => c.Test.Difference > 0).OrderByDescending(c => c.Test.Difference).Take(Shown).ToList();

    public static IReadOnlyList<Change> Falls(RoundReport report) =>
        Changes(report).Where(c => c.Test.Difference < 0).OrderBy(c => c.Test.Difference).Take(Shown).ToList();

    /// <summary>The organisations whose index rose, biggest rise first (at most <see cref="Shown"/>).</summary>
    public static IReadOnlyList<OrganisationChange> OrganisationRises(RoundReport report) =>
        report.Organisations.Where(c => c.After > c.Before).OrderByDescending(c => c.After - c.Before).Take(Shown).ToList();

    /// <summary>The organisations whose index fell, biggest fall first (at most <see cref="Shown"/>).</summary>
    public static IReadOnlyList<OrganisationChange> OrganisationFalls(RoundReport report) =>
        report.Organisations.Where(c => c.After < c.Before).OrderBy(c => c.After - c.Before).Take(Shown).ToList();

    /// <summary>"t = 1.396，df = 15.1，p=0.183" or "z = 0.981，p=0.327".</summary>
    public static string Describe(ChangeView test) => string.Create(CultureInfo.InvariantCulture,
        $"{test.Statistic} = {test.Value:0.000}{(test.Df is { } df ? $"，df = {df:0.0}" : "")}，{Labels.FormatP(test.P)}");

    public static Markup Render(ReportBundle.Contents contents, RoundReport report)
    {
        var questionnaire = contents.Analysis.Questionnaire;
        var league = report.League;
        var composite = report.Trend.Indices.FirstOrDefault(i => i.QuestionId == TrendService.CompositeId)?.Rounds[^1];
        var withComposite = league.Rows.Any(r => r.Composite is not null);
        var rows = league.Rows.Select(r => r.Suppressed
            ? Html($"""<tr class="suppressed"><td></td><th scope="row">{r.Label}</th><td colspan="{(withComposite ? 5 : 4)}">{LeagueRow.SuppressedLabel}（不足 {report.SuppressionThreshold} 人，不排名）</td></tr>""")
            : Html($"""<tr><td class="number">{r.Rank}</td><th scope="row">{r.Label}</th><td class="number">{r.N}</td><td class="number">{N(r.Index?.Index)}<span class="muted">（{QuestionnairePage.Interval(r.Index?.CiLow, r.Index?.CiHigh)}）</span></td><td class="number">{N(r.SatisfiedRate * 100)}</td>{(withComposite ? Html($"""<td class="number">{N(r.Composite?.Index)}</td>""") : Markup.Empty)}<td>{r.Letters}</td></tr>"""));
        var previous = report.Previous?.Label ?? "上一轮";
        var compared = report.Previous is null ? "没有上一轮，不比较变化。"
            : composite?.IndexChange is { } change ? $"较{previous}{Signed(change.Difference)}（{Describe(change)}，{change.Label}）。"
            : $"{previous}或本轮样本不足，不比较变化。";
        var styles = Html($"""<style>{Markup.TrustedCss(contents.Stylesheet)}{Markup.TrustedCss(OnePage)}</style>""");
        return HtmlDocument.Printable($"{questionnaire.Title} · 测评通报 · {report.Round.Label}", styles, "admin report bulletin", Html($"""
            <main>
            <p class="muted">测评通报</p>
            <h1>{questionnaire.Title}（{report.Round.Label}）</h1>
            <p>{report.Round.Label}（{report.Round.From:yyyy-MM-dd} 至 {report.Round.To:yyyy-MM-dd}，北京时间）共收到 <strong>{report.Responses}</strong> 份答卷。综合满意度指数 <strong>{N(composite?.Index)}</strong>（95% 置信区间 {QuestionnairePage.Interval(composite?.CiLow, composite?.CiHigh)}），{compared}</p>
            <p class="muted">{Labels.ScopeLabel}：{contents.Scope.Describe()} · {Labels.GeneratedLabel}：{Labels.Generated(contents.GeneratedAt)}</p>
            <h2>{TrendCharts.LeagueTitle(report.By, report.Round, league)}</h2>
            <table class="league"><thead><tr><th class="number">名次</th><th>单位</th><th class="number">答卷</th><th class="number">满意度指数（95% 区间）</th><th class="number">满意率 (%)</th>{(withComposite ? Html($"""<th class="number">综合得分</th>""") : Markup.Empty)}<th>组别</th></tr></thead>
            <tbody>{rows}</tbody></table>
            <p class="muted">名次按{(league.RankedByComposite ? "三步测评综合得分" : "群众满意度指数")}；组别字母相同者差异不显著（两两 Welch t 检验，Holm 校正）。{SatisfactionRule.Describe(questionnaire)}。</p>
            {Organisations(previous, report)}
            {Changes("与" + previous + "相比上升最多的三项", Rises(report), report)}
            {Changes("与" + previous + "相比下降最多的三项", Falls(report), report)}
            <p class="muted">检验：满意度指数用 Welch t 检验，满意率用两独立样本比例 z 检验（非合并标准误），双侧，α = 0.05。</p>
            </main>
            """));
    }

    private static Markup Changes(string title, IReadOnlyList<Change> changes, RoundReport report)
    {
        if (changes.Count == 0)
            return Html($"""<h2>{title}</h2><p class="muted">{(report.Previous is null ? "没有上一轮。" : "无（或上一轮、本轮样本不足，无法比较）。")}</p>""");
        return Html($"""
            <h2>{title}</h2>
            <table class="changes"><thead><tr><th>评价项</th><th>指标</th><th class="number">上一轮</th><th class="number">本轮</th><th class="number">变化</th><th>检验</th><th>结论</th></tr></thead>
            <tbody>{changes.Select(c => Html($"""<tr><td>{c.Item}</td><td>{c.Measure}</td><td class="number">{N(c.Before)}</td><td class="number">{N(c.After)}</td><td class="number">{Signed(c.Test.Difference)}</td><td>{Describe(c.Test)}</td><td class="{(c.Test.P < 0.05 ? "significant" : "")}">{c.Test.Label}</td></tr>"""))}</tbody></table>
            """);
    }

    /// <summary>One table: the biggest rises of the organisations' indices, then the biggest falls, each with Welch t and its label.</summary>
    private static Markup Organisations(string previous, RoundReport report)
    {
        var title = $"各单位满意度指数与{previous}相比的变化";
        if (report.Previous is null) return Html($"""<h2>{title}</h2><p class="muted">没有上一轮。</p>""");
        Markup Row(OrganisationChange c) => Html($"""<tr><th scope="row">{c.Label}</th><td class="number">{N(c.Before)}</td><td class="number">{N(c.After)}</td><td class="number">{Signed(c.After - c.Before)}</td><td>{Describe(c.Test)}</td><td class="{(c.Test.P < 0.05 ? "significant" : "")}">{c.Test.Label}</td></tr>""");
        Markup Group(string name, string caption, IReadOnlyList<OrganisationChange> changes) => Html($"""<tbody class="{name}"><tr class="group"><th colspan="6" scope="rowgroup">{caption}</th></tr>{(changes.Count == 0 ? Html($"""<tr><td colspan="6" class="muted">无</td></tr>""") : Html($"{changes.Select(Row)}"))}</tbody>""");
        var leftOut = report.LeftOut.Count == 0 ? $"各单位在{previous}和本轮均有足够样本，都已比较。"
            : $"{string.Join("、", report.LeftOut)}在{previous}或本轮样本不足（或无法检验），不比较。";
        return Html($"""
            <h2>{title}</h2>
            <table class="changes organisations"><thead><tr><th>单位</th><th class="number">上一轮</th><th class="number">本轮</th><th class="number">变化</th><th>检验（Welch t）</th><th>结论</th></tr></thead>
            {Group("rises", "上升最多的三个单位", OrganisationRises(report))}{Group("falls", "下降最多的三个单位", OrganisationFalls(report))}</table>
            <p class="muted">{leftOut}</p>
            """);
    }

    private static string N(double? value) => QuestionnairePage.Number(value);

    private static string Signed(double value) => value.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

    /// <summary>Compact type and no page-breaking rules of the long report, so the bulletin stays on one A4 page.</summary>
    private const string OnePage = """

        .bulletin main { max-width: 190mm; }
        .bulletin h1 { font-size: 1.45rem; margin: .2rem 0 .5rem; }
        .bulletin h2 { font-size: 1.05rem; margin: .9rem 0 .3rem; }
        .bulletin th, .bulletin td { padding: .22rem .45rem; }
        .bulletin td.significant { font-weight: 700; color: var(--accent); }
        .bulletin tbody th { background: none; }
        .bulletin tr.group th { font-weight: 600; padding-top: .3rem; }
        .bulletin table.changes td:nth-child(n+2) { white-space: nowrap; }
        @media print { body.admin.bulletin { font-size: 9.5pt; } .bulletin h2 { break-after: avoid; } }
        """;
}
