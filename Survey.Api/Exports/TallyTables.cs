using Survey.Analysis.Charts;
using Survey.Analysis.Crosstabs;
using Survey.Analysis.Wording;
using Survey.Api.Model;
using Survey.Analysis.League;
using Survey.Api.Results;
using Survey.Api.Rounds;

namespace Survey.Api.Exports;

/// <summary>
/// The tables behind the dashboard, for download, read from the analysis (unrounded; writers round when formatting):
/// every choice question's tally (question, option, count, percent with its 95% interval, base) as one table; the
/// satisfaction indices of a scored questionnaire (per item and composite, and per group when broken down); and with
/// <c>by=</c> one cross-tab table per question, titled with the question's text (column counts and percentages,
/// significance letters, withheld cells "*", groups never asked "不适用", the test's name and conclusion in words).
/// </summary>
public static class TallyTables
{
    public const string TalliesTitle = "频数表";
    public const string SatisfactionTitle = "满意度指数";
    public const string SegmentsTitle = "分组综合满意度指数";

    public static readonly IReadOnlyList<ExportColumn> Columns =
    [
        new("题号", CellFormat.Count), new("题目", CellFormat.LongText), new("题型"), new("选项", CellFormat.LongText),
        new("人数", CellFormat.Count), new("百分比(%)", CellFormat.Percent), new("95%置信区间下限(%)", CellFormat.Percent),
        new("95%置信区间上限(%)", CellFormat.Percent), new("基数", CellFormat.Count), new("基数口径"),
        // Ids for scripts, last: the printed page stops before them (ExportTable.PrintedColumns).
        new("题目编号"), new("选项编号"),
    ];

    public static IReadOnlyList<ExportTable> Build(QuestionnaireAnalysis analysis, SatisfactionAnalysis? scores, RoundReport? round = null)
    {
        var questions = analysis.Questionnaire.Questions.Select((q, i) => (Question: q, Number: i + 1))
            .Where(q => analysis.Tallies.ContainsKey(q.Question.Id)).ToList();
        var tables = new List<ExportTable>
        {
            ExportTable.FromRows(TalliesTitle, Columns, questions.SelectMany(q =>
            {
                var tally = analysis.Tallies[q.Question.Id];
                return tally.Options.Select(o => new object?[]
                {
                    (long)q.Number, q.Question.Text, tally.IsMulti ? "多选" : "单选", o.Label,
                    o.Count, o.PercentOfCases, o.CiLow, o.CiHigh, tally.Base, BaseDescription.Of(tally.Basis), q.Question.Id, o.OptionId,
                });
            }), [$"{Labels.BaseLabel}：{BaseDescription.Of(analysis.Basis)}；多选题的百分比之和可超过100%。"]) with { PrintedColumns = Columns.Count - 2 },
        };
        if (scores is not null) tables.AddRange(Satisfaction(scores));
        if (round is not null) tables.Add(League(analysis.Questionnaire, round));
        foreach (var (question, number) in questions)
            if (analysis.CrosstabOf(question) is { } crosstab)
                tables.Add(Crosstab(question, number, analysis.By!, crosstab));
        return tables;
    }

    private static IEnumerable<ExportTable> Satisfaction(SatisfactionAnalysis scores)
    {
        ExportColumn[] columns =
        [
            new("题目编号"), new("题目", CellFormat.LongText), new("满意度指数(0–100)", CellFormat.Decimal),
            new("95%置信区间下限", CellFormat.Decimal), new("95%置信区间上限", CellFormat.Decimal),
            new("满意率(%)", CellFormat.Percent), new("评分人数", CellFormat.Count), new("不了解", CellFormat.Count),
        ];
        var rows = scores.Items.Select(i => new object?[] { i.Question.Id, i.Question.Text, i.Index.Index, i.Index.CiLow, i.Index.CiHigh, i.Index.SatisfiedRate, i.Index.N, i.Index.Unknown })
            .Append(["composite", "综合满意度指数", scores.Composite.Index, scores.Composite.CiLow, scores.Composite.CiHigh, null, scores.Composite.N, null]);
        yield return ExportTable.FromRows(SatisfactionTitle, columns, rows, [scores.SatisfiedRateDefinition]);
        if (scores.Segments is not { } segments) yield break;
        ExportColumn[] segmentColumns =
        [
            new("分组"), new("综合满意度指数(0–100)", CellFormat.Decimal), new("95%置信区间下限", CellFormat.Decimal),
            new("95%置信区间上限", CellFormat.Decimal), new("人数", CellFormat.Count),
        ];
        yield return ExportTable.FromRows($"{SegmentsTitle}（按{scores.By!.Text}）", segmentColumns, segments.Select(s => s.Suppressed
                ? new object?[] { s.Option.Label, Labels.Suppressed, Labels.Suppressed, Labels.Suppressed, Labels.Suppressed }
                : [s.Option.Label, s.Composite.Index, s.Composite.CiLow, s.Composite.CiHigh, s.Composite.N]),
            segments.Any(s => s.Suppressed) ? [Labels.SuppressedLegend] : []);
    }

    public static readonly IReadOnlyList<ExportColumn> LeagueColumns =
    [
        new("名次", CellFormat.Count), new("单位"), new("答卷", CellFormat.Count),
        new("满意度指数(0–100)", CellFormat.Decimal), new("95%置信区间下限", CellFormat.Decimal), new("95%置信区间上限", CellFormat.Decimal),
        new("满意率(%)", CellFormat.Percent), new("满意率95%置信区间下限(%)", CellFormat.Percent), new("满意率95%置信区间上限(%)", CellFormat.Percent),
        new("自评", CellFormat.Decimal), new("组织考评", CellFormat.Decimal),
        new("综合得分", CellFormat.Decimal), new("综合得分95%置信区间下限", CellFormat.Decimal), new("综合得分95%置信区间上限", CellFormat.Decimal),
        new("差异分组"),
        new("单位编号"),
    ];

    /// <summary>
    /// The league of the evaluated organisations in the round (联赛表): ranked rows first, 样本不足 rows last with no figures;
    /// the same figures as <c>GET /league</c>, unrounded.
    /// </summary>
    public static ExportTable League(Questionnaire questionnaire, RoundReport report)
    {
        var league = report.League;
        var rows = league.Rows.Select(r => r.Suppressed
            ? new object?[] { null, r.Label, LeagueRow.SuppressedLabel, null, null, null, null, null, null, null, null, null, null, null, null, r.Id }
            : [(long?)r.Rank, r.Label, r.N, r.Index?.Index, r.Index?.CiLow, r.Index?.CiHigh,
                r.SatisfiedRate * 100, r.SatisfiedInterval?.Low * 100, r.SatisfiedInterval?.High * 100,
                r.Self, r.Review, r.Composite?.Index, r.Composite?.CiLow, r.Composite?.CiHigh, r.Letters, r.Id]);
        var weights = LeagueService.Weights(questionnaire);
        var notes = new List<string>
        {
            $"{report.Round.Label}共 {report.Responses} 份答卷。名次按{(league.RankedByComposite ? "三步测评综合得分" : "群众满意度指数")}；差异分组字母相同者差异不显著（两两 Welch t 检验，Holm 校正，α=0.05）。",
            $"不足 {report.SuppressionThreshold} 人的单位（以及为防反推而一并隐去的单位）列为“{LeagueRow.SuppressedLabel}”，不排名。",
            SatisfactionRule.Describe(questionnaire) + "；区间为 Wilson 95% 置信区间。",
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"综合得分 = 群众测评 × {weights.Residents:0.##} + 组织考评 × {weights.Review:0.##} + 自评 × {weights.Self:0.##}（两项分数均录入后给出）；其区间只含群众测评的抽样不确定性，录入的分数视为确切。"),
        };
        return ExportTable.FromRows(TrendCharts.LeagueTitle(report.By, report.Round, league), LeagueColumns, rows, notes) with { PrintedColumns = LeagueColumns.Count - 1 };
    }

    private static ExportTable Crosstab(Question question, int number, Question by, CrosstabResult crosstab)
    {
        var columns = new List<ExportColumn> { new("选项", CellFormat.LongText) };
        foreach (var column in crosstab.Columns)
            columns.AddRange([
                new($"{column.Label} ({column.Letter}) 人数", CellFormat.Count),
                new($"{column.Label} ({column.Letter}) 列%", CellFormat.Percent),
                new($"{column.Letter} 显著高于", CellFormat.Text),
            ]);
        columns.AddRange([new("合计 人数", CellFormat.Count), new("合计 %", CellFormat.Percent)]);

        object?[] Withheld(CrosstabColumn column) => column.NotAsked ? [Labels.NotAsked, Labels.NotAsked, null]
            : [Labels.Suppressed, Labels.Suppressed, null];
        object?[] Base(CrosstabColumn column) =>
            [column.NotAsked ? Labels.NotAsked : column.Suppressed ? Labels.Suppressed : column.Base, null, null];
        var rows = new List<object?[]>();
        rows.Add(["基数", .. crosstab.Columns.SelectMany(Base), crosstab.TotalBase, null]);
        foreach (var row in crosstab.Rows)
            rows.Add([row.Label, .. crosstab.Columns.SelectMany((column, c) => row.Cells[c] is { Suppressed: false } cell
                ? [cell.Count, cell.ColumnPercent, string.Concat(cell.Letters)]
                : Withheld(column)), row.Total, row.TotalPercent]);

        var test = crosstab.Test;
        var notes = new List<string>
        {
            $"检验：{Labels.TestName(test.Name)}，{Labels.Conclusion(test.P)}" + (test.P is { } p ? $"，{Labels.FormatP(p)}" : ""),
        };
        notes.AddRange(test.Warnings);
        notes.Add("列%：占该列回答此题者的百分比。" + Labels.LettersLegend);
        if (crosstab.Columns.Any(c => c.Suppressed && !c.NotAsked)) notes.Add(Labels.SuppressedLegend);
        if (crosstab.Columns.Any(c => c.NotAsked)) notes.Add(Labels.NotAskedLegend);
        return ExportTable.FromRows($"{number}. {question.Text}（按“{by.Text}”分组）", columns, rows, notes);
    }
}
