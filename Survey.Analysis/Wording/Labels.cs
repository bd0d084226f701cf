using System.Globalization;
using Survey.Analysis.Crosstabs;

namespace Survey.Analysis.Wording;

/// <summary>
/// The words organisers read that are not the questionnaire's own: test names, statistical warnings and
/// conclusions, the legends of withheld and not-applicable cells, the header block of downloads. Kept in one place
/// so they can be translated later; every view (dashboard, downloads, report, charts) takes them from here.
/// </summary>
public static class Labels
{
    /// <summary>A cell withheld to protect anonymity (its group is too small).</summary>
    public const string Suppressed = "*";
    public const string SuppressedLegend = "“*”表示该组人数过少，为保护匿名不显示。";

    /// <summary>A cell of a group the question was never shown to (a conditional question).</summary>
    public const string NotAsked = "不适用";
    public const string NotAskedLegend = "“不适用”表示该组受访者按问卷设置不回答此题（此题只向部分受访者显示）。";

    public const string LettersLegend = "字母表示该格比字母所指的列显著更高（p<0.05，Bonferroni 校正）。";
    public const string NoAnswerInColumn = "无人回答";
    public const string Missing = "—";

    /// <summary>The test's name in words, from its id in the API ("pearson-chi-square", "rao-scott-rs2").</summary>
    public static string TestName(string testId) => testId switch
    {
        CrosstabTest.PearsonChiSquareName => "卡方检验",
        CrosstabTest.RaoScottSecondOrderName => "Rao-Scott 校正卡方检验",
        _ => testId,
    };

    public static string Conclusion(double? p) => p switch
    {
        null => "无法检验（数据不足）",
        < 0.05 => "差异显著（p<0.05）",
        _ => "差异不显著（p≥0.05）",
    };

    /// <summary>"p&lt;0.001" or "p=0.063".</summary>
    public static string FormatP(double p) => p < 0.001 ? "p<0.001" : string.Create(CultureInfo.InvariantCulture, $"p={p:0.000}");

    // Statistical warnings (Survey.Analysis.Statistics).
    public static string SmallExpectedCounts(int smallCells, int cells, double threshold) =>
        string.Create(CultureInfo.InvariantCulture, $"期望频数小于{threshold:0.#}的格子有{smallCells}个(共{cells}个)，检验结果仅供参考");
    public const string NeedsTwoRowsAndColumns = "至少需要两个选项、两个分组有人回答才能检验";
    public const string NeedsTwoLevels = "至少需要两个分组有人回答才能检验";
    public static string ItemsLeftOut(int items) => $"有{items}个选项无人选择或人人都选，未纳入检验";
    public const string AdjustmentUndefined = "各分组内的选择没有差异，无法进行 Rao-Scott 校正";
    public const string PatternsNeeded = "缺少各分组的选择组合，无法进行 Rao-Scott 检验";

    // The header block of every download and the report.
    public const string QuestionnaireLabel = "问卷";
    public const string ScopeLabel = "范围";
    public const string BaseLabel = "百分比的基数";
    public const string GeneratedLabel = "生成时间";
    public const string AllResponses = "全部答卷";
    public static string Generated(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{Survey.Core.Definitions.BeijingTime.Local(at):yyyy-MM-dd HH:mm}（北京时间）");
}
