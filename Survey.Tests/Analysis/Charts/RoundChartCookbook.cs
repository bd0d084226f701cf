using Survey.Analysis.Charts;
using Survey.Analysis.Evaluation;
using Survey.Analysis.League;
using Survey.Analysis.Statistics;

namespace Survey.Tests.Analysis.Charts;

/// <summary>Trend and league chart examples from fixed figures (four quarters, one of them withheld; four communities).</summary>
public static class RoundChartCookbook
{
    public static readonly string[] Quarters = ["2025年第四季度\nn=120", "2026年第一季度\nn=96", "2026年第二季度\nn=3", "2026年第三季度\nn=140"];

    public static RenderedChart IndexTrend() => TrendChart.Create("群众满意度测评：指数走势（按季度）", "线为满意度指数，色带为 95% 置信区间；样本不足的季度留空",
        Quarters,
        [
            new("综合满意度指数", [new TrendPoint(71.2, 67.0, 75.4), new TrendPoint(74.8, 70.1, 79.5), null, new TrendPoint(80.3, 76.9, 83.7)]),
            new("有坚强有力的领导班子", [new TrendPoint(68.0, 62.1, 73.9), new TrendPoint(66.5, 60.0, 73.0), null, new TrendPoint(78.9, 74.0, 83.8)]),
        ], percent: false);

    public static RenderedChart OptionTrend() => TrendChart.Create("您的身份是：各选项占比走势（按季度）", "占比 = 选择人数 ÷ 回答人数；色带为 Wilson 95% 置信区间",
        Quarters,
        [
            new("普通群众", [new TrendPoint(62.5, 53.6, 70.6), new TrendPoint(58.3, 48.3, 67.7), null, new TrendPoint(65.0, 56.8, 72.4)]),
            new("无职务党员", [new TrendPoint(25.0, 18.1, 33.5), new TrendPoint(29.2, 21.0, 38.9), null, new TrendPoint(24.3, 17.9, 32.0)]),
            new("村(社区)“两委”干部", [new TrendPoint(12.5, 7.7, 19.6), new TrendPoint(12.5, 7.3, 20.6), null, new TrendPoint(10.7, 6.6, 17.0)]),
        ], percent: true);

    private static ScoreMoments Scores(long satisfied, long basically, long dissatisfied) =>
        new ScoreMoments().Add(100, satisfied).Add(60, basically).Add(0, dissatisfied);

    public static LeagueResult League(bool withScores) => LeagueTable.Compute(
        [
            new("east-street", "东街社区", Scores(30, 8, 2), 300, 400, withScores ? 60 : null, withScores ? 60 : null),
            new("west-street", "西街社区", Scores(22, 12, 6), 250, 400, withScores ? 100 : null, withScores ? 100 : null),
            new("south-village", "南村", Scores(14, 14, 12), 200, 400, withScores ? 80 : null, withScores ? 80 : null),
            new("north-village", "北村", Scores(2, 1, 0), 20, 30),
            new("hill-village", "山村", Scores(2, 1, 1), 20, 40),
        ], EvaluationWeights.Default, suppressionThreshold: 5);

    public static IEnumerable<(string Name, RenderedChart Chart)> All()
    {
        yield return ("trend-satisfaction-index", IndexTrend());
        yield return ("trend-identity-options", OptionTrend());
        yield return ("league-residents-index", LeagueChart.Create("各村(社区)群众满意度排名（2026年第一季度）", League(withScores: false)));
        yield return ("league-three-step-composite", LeagueChart.Create("各村(社区)三步测评综合得分排名（2026年第一季度）", League(withScores: true)));
    }
}
