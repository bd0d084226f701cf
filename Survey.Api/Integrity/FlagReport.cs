using Survey.Analysis.Integrity;
using Survey.Api.Results.Engine;

namespace Survey.Api.Integrity;

/// <summary>Builds <see cref="FlagsView"/>: the flag groups with their status and the set-asides, with every label in Chinese (one place).</summary>
public sealed class FlagReport(ResponseFlagService flags, SetAsideStore store)
{
    public static string RuleLabel(string rule) => rule switch
    {
        ResponseFlags.BurstRule => "提交激增",
        ResponseFlags.IdenticalRule => "相同答卷",
        ResponseFlags.StraightLineRule => "评分题全选同一项",
        _ => rule,
    };

    public async Task<FlagsView> BuildAsync(Questionnaire questionnaire, CancellationToken cancellationToken)
    {
        var groups = await flags.FlagsAsync(questionnaire, cancellationToken);
        var active = await store.ActiveSeqsAsync(questionnaire.Id, cancellationToken);
        var setAsides = await store.ListAsync(questionnaire.Id, cancellationToken);
        return new FlagsView(questionnaire.Id, active.Count,
            groups.Select(g => new FlagGroupView(g.Rule, RuleLabel(g.Rule), g.Key, g.Seqs.Count,
                ResponseColumns.TimeOf(g.FirstMinute), ResponseColumns.TimeOf(g.LastMinute), g.Seqs.Count(active.Contains), Describe(questionnaire, g))).ToList(),
            setAsides.Select(s => new SetAsideView(s.SetAside.Id, s.SetAside.Rule, RuleLabel(s.SetAside.Rule), s.SetAside.GroupKey, s.Responses,
                s.SetAside.Reason, s.SetAside.SetAsideBy, Utc(s.SetAside.SetAsideAt), s.SetAside.RestoredBy, s.SetAside.RestoredAt is { } at ? Utc(at) : null)).ToList());
    }

    /// <summary>The group as it is now (by key), or null when no rule flags it any more.</summary>
    public async Task<FlagGroup?> FindAsync(Questionnaire questionnaire, string key, CancellationToken cancellationToken) =>
        (await flags.FlagsAsync(questionnaire, cancellationToken)).FirstOrDefault(g => g.Key == key);

    private static string Describe(Questionnaire questionnaire, FlagGroup group) => group.Rule switch
    {
        ResponseFlags.BurstRule =>
            $"这一分钟收到 {group.Seqs.Count} 份答卷，超过 {ResponseFlags.BurstFloor} 份且超过此前 {ResponseFlags.BaselineMinutes} 个有提交的分钟中位数的 {ResponseFlags.BurstFactor} 倍。",
        ResponseFlags.IdenticalRule =>
            $"{group.Seqs.Count} 份答卷的全部回答（含填写的文字）完全相同，在 {ResponseFlags.IdenticalWindowMinutes} 分钟内提交。",
        ResponseFlags.StraightLineRule =>
            $"{group.Seqs.Count} 份答卷的全部 {questionnaire.Questions.Count(q => q.IsScored)} 道评分题都选了同一项（{OptionLabel(questionnaire, group.Option)}）。",
        _ => "",
    };

    private static string OptionLabel(Questionnaire questionnaire, int? option) =>
        questionnaire.Questions.FirstOrDefault(q => q.IsScored) is { } first && option is { } index && index < first.OptionList.Count
            ? $"第 {index + 1} 项：{first.OptionList[index].Label}" : $"第 {option + 1} 项";

    private static DateTime Utc(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
