using Microsoft.AspNetCore.Http.HttpResults;
using Survey.Api.Apis;
using Survey.Api.Exports;
using Survey.Analysis.Charts;
using Survey.Analysis.Crosstabs;
using Survey.Analysis.Tallies;
using Survey.Analysis.Wording;
using Survey.Api.Model;
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
    /// <summary>The downloads offered, in words (file kind and format).</summary>
    public static readonly (string File, string Label)[] Downloads =
    [
        ("export.xlsx", "原始数据 (Excel)"), ("export.csv", "原始数据 (CSV)"), ("tallies.xlsx", "统计表 (Excel)"),
        ("tallies.csv", "统计表 (CSV)"), ("report.zip", "完整报告 (ZIP)"),
    ];

    /// <summary>Charts are drawn at the width of the column they sit in (two columns of the 1200 px page), so their text shows at its drawn size.</summary>
    public const int ChartWidth = 540;

    public static ContentHttpResult Render(HttpContext context, Questionnaire questionnaire, QuestionnaireAnalysis? analysis,
        SubmissionActivity? activity, SatisfactionAnalysis? scores, IReadOnlyList<string> errors, Markup? flags = null)
    {
        var filter = analysis?.Filter ?? ResponseFilter.None;
        var basis = analysis?.Basis ?? TallyBaseQuery.Default;
        var queryString = DashboardQuery.For(filter, basis, analysis?.By);
        var chartQuery = queryString.Add("width", ChartWidth.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var api = $"/api/questionnaires/{Uri.EscapeDataString(questionnaire.Id)}";
        var problems = errors.Count == 0 ? Markup.Empty
            : Html($"""<div class="error" role="alert"><p>筛选条件有误，未应用：</p><ul>{errors.Select(e => Html($"<li>{e}</li>"))}</ul></div>""");

        var body = Html($"""
            <nav class="crumbs"><a href="/admin">全部问卷</a></nav>
            <h1>{questionnaire.Title}</h1>
            {problems}
            {FilterForm(context, questionnaire, filter, basis, analysis?.By)}
            <section class="summary">
            <p class="applied">当前视图：{new ResultsScope(questionnaire, filter, analysis?.By).Describe()}</p>
            {Activity(activity)}
            {(questionnaire.HasScoredItems ? Html($"""<p><a href="/admin/q/{Uri.EscapeDataString(questionnaire.Id)}/rounds">测评轮次：走势与排名</a></p>""") : Markup.Empty)}
            <p class="paper-links"><a href="/admin/q/{Uri.EscapeDataString(questionnaire.Id)}/entry">录入纸质问卷</a> · <a href="/q/{Uri.EscapeDataString(questionnaire.Id)}/paper">打印纸质问卷</a></p>
            <p class="downloads">下载（含当前筛选）：{Downloads.Select(d => Html($"""<a href="{api}/{d.File}{queryString}" download>{d.Label}</a> """))}</p>
            </section>
            {flags ?? Markup.Empty}
            {Sections(analysis, scores, chart => chart == SatisfactionChart
                ? $"{api}/satisfaction/chart.svg{chartQuery}"
                : $"{api}/charts/{Uri.EscapeDataString(chart)}.svg{chartQuery}")}
            """);
        return Page(context, questionnaire.Title, body);
    }

    /// <summary>The key of the satisfaction chart in <see cref="Sections"/>' chart sources (question ids are the others).</summary>
    public const string SatisfactionChart = "satisfaction";

    /// <summary>
    /// The satisfaction section and every question's section, in questionnaire order. <paramref name="chartSource"/>
    /// gives each chart's image address (a chart route on the dashboard, a data: URI in the report bundle), or null for none.
    /// </summary>
    public static Markup Sections(QuestionnaireAnalysis? analysis, SatisfactionAnalysis? scores, Func<string, string?> chartSource) => Html($"""
        {Satisfaction(scores, chartSource(SatisfactionChart))}
        {(analysis is null ? Markup.Empty : Html($"{analysis.Questionnaire.Questions.Select((q, i) => Question(analysis, q, i + 1, chartSource))}"))}
        """);

    private static Markup Image(string? source, string alt) =>
        source is null ? Markup.Empty : Html($"""<img class="chart" src="{source}" alt="{alt}">""");

    private static Markup FilterForm(HttpContext context, Questionnaire questionnaire, ResponseFilter filter, TallyBase basis, Question? by)
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
        var breakdown = singles.Select(q => Option(q.Id, q.Text, q.Id == by?.Id));

        return Html($"""
            <form class="filters" method="get" action="/admin/q/{Uri.EscapeDataString(questionnaire.Id)}">
            <fieldset><legend>筛选</legend>
            {Survey.Api.Rounds.RoundSelector.Field(context, questionnaire, filter.Round)}
            {ModeField(filter.Mode)}
            <label>开始日期<input type="date" name="from" value="{filter.From?.ToString("yyyy-MM-dd")}"></label>
            <label>结束日期<input type="date" name="to" value="{filter.To?.ToString("yyyy-MM-dd")}"></label>
            {answerFilters}
            {ratingFilters}
            </fieldset>
            <fieldset><legend>分析</legend>
            <label>分组比较（交叉分析）<select name="by"><option value="">不分组</option>{breakdown}</select></label>
            <label>百分比的基数<select name="base">{Enum.GetValues<TallyBase>().Select(b => Option(TallyBaseQuery.Format(b), BaseDescription.Of(b), b == basis))}</select></label>
            </fieldset>
            <div class="actions"><button type="submit">应用</button> <a href="/admin/q/{Uri.EscapeDataString(questionnaire.Id)}">清除筛选</a></div>
            </form>
            """);
    }

    /// <summary>The collection-mode filter (<c>mode=</c>): web, paper forms typed in, imported files.</summary>
    private static Markup ModeField(Survey.Api.Model.ResponseMode? selected) =>
        Html($"""<label>收集方式<select name="mode"><option value="">全部方式</option>{Enum.GetValues<Survey.Api.Model.ResponseMode>().Select(m => Option(ResponseFilter.ModeWord(m), ResponseFilter.ModeName(m), m == selected))}</select></label>""");

    private static Markup Option(string value, string label, bool selected) => selected
        ? Html($"""<option value="{value}" selected>{label}</option>""")
        : Html($"""<option value="{value}">{label}</option>""");

    private static Markup Activity(SubmissionActivity? activity) => activity is null ? Markup.Empty : Html($"""
        <div class="activity">
        <p><strong>{activity.Responses}</strong> 份答卷 · 首份 {OrganiserPages.Time(activity.First)} · 最近 {OrganiserPages.Time(activity.Last)}（北京时间）</p>
        {SvgBars.Daily(activity.Days)}
        </div>
        """);

    private static Markup Satisfaction(SatisfactionAnalysis? scores, string? chart)
    {
        if (scores is null) return Markup.Empty;
        var rows = scores.Items.Select(i => Html($"""
            <tr><td>{i.Question.Text}</td><td class="number">{Number(i.Index.Index)}</td><td class="number">{Interval(i.Index.CiLow, i.Index.CiHigh)}</td><td class="number">{Number(i.Index.SatisfiedRate)}</td><td class="number">{i.Index.N}</td><td class="number">{i.Index.Unknown}</td></tr>
            """));
        var segments = scores.Segments is null ? Markup.Empty : Html($"""
            <h3>分组综合指数（按“{scores.By!.Text}”）</h3>
            <table><thead><tr><th>分组</th><th class="number">综合指数</th><th class="number">95% 置信区间</th><th class="number">人数</th></tr></thead>
            <tbody>{scores.Segments.Select(s => s.Suppressed
                ? Html($"""<tr><td>{s.Option.Label}</td><td colspan="3" class="suppressed">{Labels.Suppressed} 样本过少（少于{scores.SuppressionThreshold}人），不显示</td></tr>""")
                : Html($"""<tr><td>{s.Option.Label}</td><td class="number">{Number(s.Composite.Index)}</td><td class="number">{Interval(s.Composite.CiLow, s.Composite.CiHigh)}</td><td class="number">{s.Composite.N}</td></tr>"""))}</tbody></table>
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

    private static Markup Question(QuestionnaireAnalysis analysis, Question question, int number, Func<string, string?> chartSource)
    {
        var kind = question.Type switch
        {
            QuestionType.Multi => "多选题（可多选，百分比之和可超过100%）",
            QuestionType.Single => "单选题",
            _ => "填空题",
        };
        var written = analysis.Counts.Texts.Where(t => t.Question == question.Id).ToList();
        var texts = written.Count == 0 ? Markup.Empty : Html($"""
            <details class="texts" open><summary>受访者填写的内容（{written.Sum(t => t.Count)} 条，相同内容合并）</summary>
            <ul>{written.Select(t => Html($"""<li><span class="text">{t.Text}</span> <span class="count">×{t.Count}</span></li>"""))}</ul>
            </details>
            """);
        if (!analysis.Tallies.TryGetValue(question.Id, out var tally))
        {
            var answered = analysis.Counts.Answered.GetValueOrDefault(question.Id);
            return Html($"""
                <section class="question" id="q-{question.Id}">
                <div class="question-top">
                <h2>{number}. {question.Text} <span class="kind">{kind}</span></h2>
                <p class="base">填写 {answered} 人，未填写 {analysis.Counts.Shown.GetValueOrDefault(question.Id) - answered} 人</p>
                </div>
                {texts}
                </section>
                """);
        }

        var rows = tally.Options.Select(o => Html($"""
            <tr><td>{o.Label}</td><td class="number">{o.Count}</td><td class="number">{Number(o.PercentOfCases)}</td><td class="number">{Interval(o.CiLow, o.CiHigh)}</td><td>{SvgBars.Percent(o.PercentOfCases)}</td></tr>
            """));
        var crosstab = analysis.CrosstabOf(question);
        return Html($"""
            <section class="question{(crosstab is null ? "" : " crossed")}" id="q-{question.Id}">
            <div class="question-top">
            <h2>{number}. {question.Text} <span class="kind">{kind}</span></h2>
            <p class="base">基数 n = {tally.Base}（{BaseDescription.Of(tally.Basis)}）· 显示此题 {tally.Shown} 人 · 回答 {tally.Answered} 人 · 未回答 {tally.NoAnswer} 人</p>
            <div class="question-body">
            {Image(chartSource(question.Id), question.Text + "（图表）")}
            <table class="tally"><thead><tr><th>选项</th><th class="number">人数</th><th class="number">百分比 (%)</th><th class="number">95% 置信区间</th><th></th></tr></thead>
            <tbody>{rows}</tbody>
            <tfoot><tr><td>基数</td><td class="number">{tally.Base}</td><td colspan="3"></td></tr></tfoot></table>
            </div>
            </div>
            {(crosstab is null ? Markup.Empty : Crosstab(crosstab))}
            {texts}
            </section>
            """);
    }

    private static Markup Crosstab(CrosstabResult crosstab)
    {
        var header = crosstab.Columns.Select(c => Html($"""<th class="number">{c.Label} ({c.Letter})<div class="muted">{ColumnBase(c)}</div></th>"""));
        var rows = crosstab.Rows.Select(row => Html($"""
            <tr><td>{row.Label}</td>{crosstab.Columns.Select((c, j) => Cell(c, row.Cells[j]))}<td class="number">{row.Total} <span class="muted">{Number(row.TotalPercent)}%</span></td></tr>
            """));
        var test = crosstab.Test;
        var legends = new List<string> { "格中为人数和列百分比；" + Labels.LettersLegend };
        if (crosstab.Columns.Any(c => c.Suppressed && !c.NotAsked)) legends.Add(Labels.SuppressedLegend);
        if (crosstab.Columns.Any(c => c.NotAsked)) legends.Add(Labels.NotAskedLegend);
        return Html($"""
            <div class="crosstab">
            <table><thead><tr><th>选项</th>{header}<th class="number">合计<div class="muted">n = {crosstab.TotalBase}</div></th></tr></thead><tbody>{rows}</tbody></table>
            <p class="test {(test.P is < 0.05 ? "significant" : "")}">{Labels.Conclusion(test.P)}<span class="muted">（{Labels.TestName(test.Name)}{(test.P is { } p ? "，" + Labels.FormatP(p) : "")}）</span></p>
            {test.Warnings.Select(w => Html($"""<p class="warning">{w}</p>"""))}
            {legends.Select(l => Html($"""<p class="muted legend">{l}</p>"""))}
            </div>
            """);
    }

    private static string ColumnBase(CrosstabColumn column) =>
        column.NotAsked ? Labels.NotAsked : column.Suppressed ? $"n = {Labels.Missing}" : $"n = {column.Base}";

    private static Markup Cell(CrosstabColumn column, CrosstabCell cell) => column.NotAsked
        ? Html($"""<td class="number not-asked">{Labels.NotAsked}</td>""")
        : cell.Suppressed || cell.Count is null
        ? Html($"""<td class="number suppressed" title="样本过少，不显示">{Labels.Suppressed}</td>""")
        : Html($"""<td class="number">{cell.Count} <span class="muted">{Number(cell.ColumnPercent)}%</span> <span class="letters">{string.Concat(cell.Letters)}</span></td>""");

    public static string Number(double? value) => value is { } v ? v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "—";

    public static string Interval(double? low, double? high) => low is { } l && high is { } h
        ? $"{l.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}–{h.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}"
        : "—";
}
