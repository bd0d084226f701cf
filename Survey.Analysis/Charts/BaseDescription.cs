using Survey.Analysis.Tallies;

namespace Survey.Analysis.Charts;

/// <summary>Chinese wording of a tally's base, so every chart says what its percentages are a percentage of.</summary>
public static class BaseDescription
{
    public static string Of(TallyBase basis) => basis switch
    {
        TallyBase.Answered => "回答本题的受访者",
        TallyBase.Shown => "显示本题的受访者",
        TallyBase.All => "全部受访者",
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, null),
    };

    /// <summary>"基数：回答本题的受访者 n=120", plus the multi-choice note for multi questions.</summary>
    public static string Subtitle(ChoiceTally tally)
        => $"基数：{Of(tally.Basis)} n={tally.Base}" + (tally.IsMulti ? "；可多选，百分比之和可超过100%" : "");
}
