using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Api.Exports;
using Survey.Api.Results;
using static Survey.Api.Organiser.AdminHtml;

namespace Survey.Api.Organiser;

/// <summary>
/// One questionnaire's page: filter form, downloads, activity, satisfaction indices (scored questionnaires), then
/// every question in questionnaire order with its chart, table (count, percent, 95% CI, base), cross-tab when broken
/// down, and the texts residents wrote. Every link and image carries the page's query string.
/// </summary>
public static class QuestionnairePage
{
    public static readonly string[] Downloads = ["export.csv", "export.xlsx", "tallies.csv", "tallies.xlsx", "report.zip"];

    public static ContentHttpResult Render(HttpContext context, Questionnaire questionnaire, ResultsQuery? query, QuestionnaireResults? results,
        SubmissionActivity? activity, SatisfactionResults? scores, IReadOnlyList<string> errors)
    {
        var filter = query?.Filter ?? ResponseFilter.None;
        var basis = query is null ? null : ResultsBuilder.BasisName(query.Basis);
        var queryString = DashboardQuery.For(filter, basis, query?.By?.Id);
        var api = $"/api/questionnaires/{Uri.EscapeDataString(questionnaire.Id)}";
        var problems = errors.Count == 0 ? Markup.Empty
            : Html($"""<div class="error" role="alert"><p>筛选条件有误，未应用：</p><ul>{errors.Select(e => Html($"<li>{e}</li>"))}</ul></div>""");

        var body = Html($"""
            <nav class="crumbs"><a href="/admin">全部问卷</a></nav>
            <h1>{questionnaire.Title}</h1>
            {problems}
            {FilterForm(context, questionnaire, filter, basis, query?.By?.Id)}
            <section class="summary">
            <p class="applied">当前视图：{Describe(questionnaire, filter, query?.By)}</p>
            {Activity(activity)}
            {(questionnaire.HasScoredItems ? Html($"""<p><a href="/admin/q/{Uri.EscapeDataString(questionnaire.Id)}/rounds">测评轮次：走势与排名</a></p>""") : Markup.Empty)}
            <p class="downloads">下载（含当前筛选）：{Downloads.Select(d => Html($"""<a href="{api}/{d}{queryString}" download>{d}</a> """))}</p>
            </section>
            {Sections(questionnaire, results, scores, chart => chart == SatisfactionChart
                ? $"{api}/satisfaction/chart.svg{queryString}"
                : $"{api}/charts/{Uri.EscapeDataString(chart)}.svg{queryString}")}
            """);
        return Page(context, questionnaire.Title, body);
    }

    /// <summary>The key of the satisfaction chart in <see cref="Sections"/>' chart sources (question ids are the others).</summary>
    public const string SatisfactionChart = "satisfaction";

    /// <summary>
    /// The satisfaction section and every question's section, in questionnaire order. <paramref name="chartSource"/>
    /// gives each chart's image address (a chart route on the dashboard, a data: URI in the report bundle), or null for none.
    /// </summary>
    public static Markup Sections(Questionnaire questionnaire, QuestionnaireResults? results, SatisfactionResults? scores, Func<string, string?> chartSource) => Html($"""
        {Satisfaction(scores, chartSource(SatisfactionChart))}
        {(results is null ? Markup.Empty : Html($"{results.Questions.Select((q, i) => Question(questionnaire.FindQuestion(q.QuestionId)!, q, i + 1, chartSource))}"))}
        """);

    private static Markup Image(string? source, string alt) =>
        source is null ? Markup.Empty : Html($"""<img class="chart" src="{source}" alt="{alt}">""");

    private static Markup FilterForm(HttpContext context, Questionnaire questionnaire, ResponseFilter filter, string? basis, string? by)
    {
        var singles = questionnaire.Questions.Where(q => q.Type == QuestionType.Single).ToList();
        Markup AnswerFilter(Question question)
        {
            var chosen = filter.Where.FirstOrDefault(w => w.Question == question.Id).Option;
            var options = question.OptionList.Select(o => Option($"{question.Id}:{o.Id}", o.Label, o.Id == chosen));
            return Html($"""<label>{question.Text}<select name="where"><option value="">全部</option>{options}</select></label>""");
        }
        // Scored items (eleven on the satisfaction form) are folded away so the everyday filters (identity, community)
        // stay in view; the fold opens when one of them is in use.
        var scored = singles.Where(q => q.IsScored).ToList();
        var ratingFilters = scored.Count == 0 ? Markup.Empty : Html($"""
            <details class="more-filters"{(scored.Any(q => filter.Where.Any(w => w.Question == q.Id)) ? " open" : "")}>
            <summary>按评价筛选（{scored.Count}项）</summary>
            <div class="more-filters-fields">{scored.Select(AnswerFilter)}</div>
            </details>
            """);
        var answerFilters = singles.Where(q => !q.IsScored).Select(AnswerFilter);
        var breakdown = singles.Select(q => Option(q.Id, q.Text, q.Id == by));
        string[][] bases = [["answered", "回答此题的受访者"], ["shown", "显示此题的受访者"], ["all", "全部受访者"]];
        return Html($"""
            <form class="filters" method="get" action="/admin/q/{Uri.EscapeDataString(questionnaire.Id)}">
            <fieldset><legend>筛选</legend>
            {Survey.Api.Rounds.RoundSelector.Field(context, questionnaire, filter.Round)}
            <label>开始日期<input type="date" name="from" value="{filter.From?.ToString("yyyy-MM-dd")}"></label>
            <label>结束日期<input type="date" name="to" value="{filter.To?.ToString("yyyy-MM-dd")}"></label>
            {answerFilters}
            {ratingFilters}
            </fieldset>
            <fieldset><legend>分析</legend>
            <label>分组比较（交叉分析）<select name="by"><option value="">不分组</option>{breakdown}</select></label>
            <label>百分比的基数<select name="base">{bases.Select(b => Option(b[0], b[1], b[0] == (basis ?? "answered")))}</select></label>
            </fieldset>
            <div class="actions"><button type="submit">应用</button> <a href="/admin/q/{Uri.EscapeDataString(questionnaire.Id)}">清除筛选</a></div>
            </form>
            """);
    }

    private static Markup Option(string value, string label, bool selected) => selected
        ? Html($"""<option value="{value}" selected>{label}</option>""")
        : Html($"""<option value="{value}">{label}</option>""");

    /// <summary>The filters in words, so a printed page or screenshot says what it shows.</summary>
    public static string Describe(Questionnaire questionnaire, ResponseFilter filter, Question? by)
    {
        var parts = new List<string>();
        if (filter.Round is { } round) parts.Add($"{round.Label}（{round.From:yyyy-MM-dd} 至 {round.To:yyyy-MM-dd}，北京时间）");
        if (filter.From is { } from) parts.Add($"{from:yyyy-MM-dd} 起");
        if (filter.To is { } to) parts.Add($"至 {to:yyyy-MM-dd}");
        foreach (var (question, option) in filter.Where)
        {
            var q = questionnaire.FindQuestion(question);
            parts.Add($"{q?.Text}＝{q?.FindOption(option)?.Label}");
        }
        var described = parts.Count == 0 ? "全部答卷" : string.Join("；", parts);
        return by is null ? described : $"{described}；按“{by.Text}”分组";
    }

    private static Markup Activity(SubmissionActivity? activity) => activity is null ? Markup.Empty : Html($"""
        <div class="activity">
        <p><strong>{activity.Responses}</strong> 份答卷 · 首份 {OrganiserPages.Time(activity.First)} · 最近 {OrganiserPages.Time(activity.Last)}（UTC）</p>
        {SvgBars.Daily(activity.Days)}
        </div>
        """);

    private static Markup Satisfaction(SatisfactionResults? scores, string? chart)
    {
        if (scores is null) return Markup.Empty;
        var rows = scores.Items.Select(i => Html($"""
            <tr><td>{i.Text}</td><td class="number">{Number(i.Index)}</td><td class="number">{Interval(i.CiLow, i.CiHigh)}</td><td class="number">{Number(i.SatisfiedRate)}</td><td class="number">{i.N}</td><td class="number">{i.Unknown}</td></tr>
            """));
        var segments = scores.Segments is null ? Markup.Empty : Html($"""
            <h3>分组综合指数</h3>
            <table><thead><tr><th>分组</th><th class="number">综合指数</th><th class="number">95% 置信区间</th><th class="number">人数</th></tr></thead>
            <tbody>{scores.Segments.Select(s => s.Suppressed
                ? Html($"""<tr><td>{s.Label}</td><td colspan="3" class="suppressed">样本过少（少于{scores.SuppressionThreshold}人），不显示</td></tr>""")
                : Html($"""<tr><td>{s.Label}</td><td class="number">{Number(s.Composite.Index)}</td><td class="number">{Interval(s.Composite.CiLow, s.Composite.CiHigh)}</td><td class="number">{s.Composite.N}</td></tr>"""))}</tbody></table>
            """);
        return Html($"""
            <section class="satisfaction" id="satisfaction">
            <h2>满意度指数</h2>
            <p class="composite">综合满意度指数 <strong>{Number(scores.Composite.Index)}</strong>（95% 置信区间 {Interval(scores.Composite.CiLow, scores.Composite.CiHigh)}，{scores.Composite.N} 人）</p>
            {Image(chart, "满意度指数图")}
            <table><thead><tr><th>题目</th><th class="number">指数 (0–100)</th><th class="number">95% 置信区间</th><th class="number">满意率 (%)</th><th class="number">评分人数</th><th class="number">不了解</th></tr></thead>
            <tbody>{rows}</tbody></table>
            <p class="muted">{scores.SatisfiedRateDefinition}</p>
            {segments}
            </section>
            """);
    }

    private static Markup Question(Question question, QuestionResult result, int number, Func<string, string?> chartSource)
    {
        var kind = question.Type switch
        {
            QuestionType.Multi => "多选题（可多选，百分比之和可超过100%）",
            QuestionType.Single => "单选题",
            _ => "填空题",
        };
        var texts = result.Texts.Count == 0 ? Markup.Empty : Html($"""
            <details class="texts" open><summary>受访者填写的内容（{result.Texts.Sum(t => t.Count)} 条，相同内容合并）</summary>
            <ul>{result.Texts.Select(t => Html($"""<li><span class="text">{t.Text}</span> <span class="count">×{t.Count}</span></li>"""))}</ul>
            </details>
            """);
        if (question.Type == QuestionType.Text)
            return Html($"""
                <section class="question" id="q-{question.Id}">
                <h2>{number}. {question.Text} <span class="kind">{kind}</span></h2>
                <p class="base">填写 {result.Answered} 人，未填写 {result.NoAnswer} 人</p>
                {texts}
                </section>
                """);

        var rows = result.Options.Select(o => Html($"""
            <tr><td>{o.Label}</td><td class="number">{o.Count}</td><td class="number">{Number(o.Percent)}</td><td class="number">{Interval(o.CiLow, o.CiHigh)}</td><td>{SvgBars.Percent(o.Percent)}</td></tr>
            """));
        return Html($"""
            <section class="question" id="q-{question.Id}">
            <h2>{number}. {question.Text} <span class="kind">{kind}</span></h2>
            <p class="base">基数 n = {result.Base}（{TallyTables.BasisLabel(result.Basis)}）· 显示此题 {result.Shown} 人 · 回答 {result.Answered} 人 · 未回答 {result.NoAnswer} 人</p>
            <div class="question-body">
            {Image(chartSource(question.Id), question.Text + "（图表）")}
            <table class="tally"><thead><tr><th>选项</th><th class="number">人数</th><th class="number">百分比 (%)</th><th class="number">95% 置信区间</th><th></th></tr></thead>
            <tbody>{rows}</tbody>
            <tfoot><tr><td>基数</td><td class="number">{result.Base}</td><td colspan="3"></td></tr></tfoot></table>
            </div>
            {Crosstab(result)}
            {texts}
            </section>
            """);
    }

    private static Markup Crosstab(QuestionResult result)
    {
        if (result.Crosstab is not { } crosstab) return Markup.Empty;
        var header = crosstab.Columns.Select(c => Html($"""<th class="number">{c.Label} ({c.Letter})<div class="muted">n = {(c.Suppressed ? "—" : c.Base?.ToString())}</div></th>"""));
        var rows = result.Options.Select((o, r) => Html($"""
            <tr><td>{o.Label}</td>{crosstab.Columns.Select(c => Cell(c.Cells[r]))}<td class="number">{crosstab.Totals[r].Count} <span class="muted">{Number(crosstab.Totals[r].Percent)}%</span></td></tr>
            """));
        var test = result.Test is null ? Markup.Empty : Html($"""
            <p class="test {(result.Test.Significant ? "significant" : "")}">{result.Test.Conclusion}<span class="muted">（{result.Test.Name}{(result.Test.P is { } p ? $"，p = {p:0.0000}" : "")}）</span></p>
            {result.Test.Warnings.Select(w => Html($"""<p class="warning">{w}</p>"""))}
            """);
        return Html($"""
            <div class="crosstab">
            <table><thead><tr><th>选项</th>{header}<th class="number">合计</th></tr></thead><tbody>{rows}</tbody></table>
            {test}
            <p class="muted">格中为人数和列百分比；字母表示该格比字母所指的列显著更高 (p&lt;0.05，Bonferroni 校正)；“*”表示该组样本过少，为保护匿名不显示。</p>
            </div>
            """);
    }

    private static Markup Cell(CrosstabCellView cell) => cell.Suppressed
        ? Html($"""<td class="number suppressed" title="样本过少，不显示">*</td>""")
        : Html($"""<td class="number">{cell.Count} <span class="muted">{Number(cell.Percent)}%</span> <span class="letters">{string.Concat(cell.Letters)}</span></td>""");

    public static string Number(double? value) => value is { } v ? v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "—";

    public static string Interval(double? low, double? high) => low is { } l && high is { } h
        ? $"{l.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}–{h.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}"
        : "—";
}
