using Survey.Api.Results;

namespace Survey.Api.Exports;

/// <summary>
/// The tables behind the dashboard, for download: every choice question's tally (question, option, count, percent
/// with its 95% interval, base) as one table, and with <c>by=</c> one cross-tab table per question (column
/// percentages, suppressed cells shown as "*", the test's conclusion in words).
/// </summary>
public static class TallyTables
{
    public const string Suppressed = "*";

    public static readonly IReadOnlyList<string> Header =
        ["题目编号", "题目", "题型", "选项编号", "选项", "人数", "百分比(%)", "95%置信区间下限(%)", "95%置信区间上限(%)", "基数", "基数口径"];

    public static IReadOnlyList<ExportTable> Build(QuestionnaireResults results)
    {
        var choice = results.Questions.Where(q => q.Type != "text").ToList();
        var tables = new List<ExportTable>
        {
            ExportTable.FromRows("频数表", Header, choice.SelectMany(question => question.Options.Select(o => new object?[]
            {
                question.QuestionId, question.Text, question.Type == "multi" ? "多选" : "单选", o.OptionId, o.Label,
                o.Count, o.Percent, o.CiLow, o.CiHigh, question.Base, BasisLabel(question.Basis),
            }))),
        };
        tables.AddRange(choice.Where(q => q.Crosstab is not null).Select(Crosstab));
        return tables;
    }

    public static string BasisLabel(string basis) => basis switch
    {
        "shown" => "显示此题的受访者",
        "all" => "全部受访者",
        _ => "回答此题的受访者",
    };

    private static ExportTable Crosstab(QuestionResult question)
    {
        var crosstab = question.Crosstab!;
        var header = new List<string> { "选项" };
        foreach (var column in crosstab.Columns) header.AddRange([$"{column.Label} ({column.Letter}) 人数", $"{column.Label} ({column.Letter}) %"]);
        header.AddRange(["合计 人数", "合计 %"]);
        var rows = new List<object?[]>
        {
            Row("基数", crosstab.Columns.SelectMany(c => new object?[] { c.Suppressed ? Suppressed : c.Base, null }), crosstab.TotalBase, null),
        };
        for (var r = 0; r < question.Options.Count; r++)
        {
            var cells = crosstab.Columns.SelectMany(c => c.Cells[r] is { Suppressed: true }
                ? new object?[] { Suppressed, Suppressed }
                : [c.Cells[r].Count, PercentWithLetters(c.Cells[r])]);
            rows.Add(Row(question.Options[r].Label, cells, crosstab.Totals[r].Count, crosstab.Totals[r].Percent));
        }
        if (question.Test is { } test) rows.Add([$"检验：{test.Name}，{test.Conclusion}" + (test.P is { } p ? $"，p = {p:0.0000}" : "")]);
        return ExportTable.FromRows($"{question.QuestionId} 按 {crosstab.ByQuestionId}", header, rows);
    }

    private static object?[] Row(string label, IEnumerable<object?> cells, object? total, object? totalPercent) =>
        [label, .. cells, total, totalPercent];

    /// <summary>"45.5 B": the letters name the columns this one is significantly higher than.</summary>
    private static object? PercentWithLetters(CrosstabCellView cell) =>
        cell.Letters.Count == 0 ? cell.Percent : $"{cell.Percent:0.##} {string.Concat(cell.Letters)}";
}
