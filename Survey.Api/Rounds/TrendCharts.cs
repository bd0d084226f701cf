using Survey.Analysis.Charts;
using Survey.Analysis.League;
using Survey.Analysis.Rounds;

namespace Survey.Api.Rounds;

/// <summary>Which trend or league chart to draw, from the trend and league results.</summary>
public static class TrendCharts
{
    public const string Items = "items";

    /// <summary><paramref name="shown"/>: a choice question id (its options), <see cref="Items"/> or the composite.</summary>
    public static RenderedChart Create(Questionnaire questionnaire, TrendResults trend, string shown)
    {
        var rounds = trend.Rounds.Select(r => $"{r.Label}\nn={r.N}").ToList();
        if (trend.Questions.FirstOrDefault(q => q.QuestionId == shown) is { } question)
            return TrendChart.Create($"{question.Text}：各选项占比走势", "占比 = 选择人数 ÷ 基数；色带为 Wilson 95% 置信区间；样本不足的轮次留空", rounds,
                question.Options.Select(o => new TrendSeries(o.Label, o.Rounds.Select(p =>
                    p.Percent is { } v ? new TrendPoint(v, p.CiLow!.Value, p.CiHigh!.Value) : (TrendPoint?)null).ToList())).ToList(), percent: true);
        var indices = shown == Items ? trend.Indices : trend.Indices.Where(i => i.QuestionId == TrendService.CompositeId).ToList();
        return TrendChart.Create($"{questionnaire.Title}：满意度指数走势", "线为满意度指数（0–100），色带为 95% 置信区间；样本不足的轮次留空", rounds,
            indices.Select(i => new TrendSeries(i.Text, i.Rounds.Select(p =>
                p.Index is { } v ? new TrendPoint(v, p.CiLow ?? v, p.CiHigh ?? v) : (TrendPoint?)null).ToList())).ToList(), percent: false);
    }

    public static string LeagueTitle(Question by, Round round, LeagueResult league) =>
        $"{(league.RankedByComposite ? "三步测评综合得分" : "群众满意度")}排名（按“{by.Text}”，{round.Label}）";
}
