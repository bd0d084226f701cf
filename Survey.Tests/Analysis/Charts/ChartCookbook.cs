using Survey.Analysis.Charts;
using Survey.Analysis.Crosstabs;
using Survey.Analysis.Satisfaction;
using Survey.Analysis.Tallies;

namespace Survey.Tests.Analysis.Charts;

/// <summary>
/// Every chart of the seed questionnaires from a fixed synthetic dataset (seeded, so the pictures are stable),
/// by name. Used by the cookbook tests (which write them out) and the font tests (which check every label).
/// </summary>
public static class ChartCookbook
{
    public static readonly SyntheticSurvey Grassroots = new(SeedQuestionnaire.Load("grassroots-service"), 400, seed: 4);
    public static readonly SyntheticSurvey Satisfaction = new(SeedQuestionnaire.Load("resident-satisfaction"), 300, seed: 44);

    public static IEnumerable<(string Name, RenderedChart Chart)> All()
    {
        foreach (var survey in new[] { Grassroots, Satisfaction })
            foreach (var question in survey.Questionnaire.Questions.Where(q => q.IsChoice))
                yield return ($"{survey.Questionnaire.Id}-{question.Id}",
                    ChoiceChart.Create(ChoiceTallies.Compute(SurveyAggregates.ChoiceCounts(survey, question.Id), TallyBase.Answered)));

        // Cadres only see "services-offered": its base of "shown" is the cadres.
        yield return ("grassroots-service-services-offered-base-shown",
            ChoiceChart.Create(ChoiceTallies.Compute(SurveyAggregates.ChoiceCounts(Grassroots, "services-offered"), TallyBase.Shown)));

        foreach (var (name, chart) in Crosstabs()) yield return (name, chart);
        foreach (var (name, chart) in SatisfactionCharts()) yield return (name, chart);

        var start = new DateOnly(2026, 11, 1);
        var days = Enumerable.Range(0, 25).Select(i => (start.AddDays(i), (long)(20 + (i * 37 % 23) + (i > 18 ? 30 : 0)))).ToList();
        yield return ("daily-counts", DailyCountsChart.Create(days));
        foreach (var (name, chart) in RoundChartCookbook.All()) yield return (name, chart);
    }

    public static CrosstabResult UrgentNeedsByIdentity() => Crosstab.Compute(
        SurveyAggregates.CrosstabInput(Grassroots, "urgent-needs", "identity"), new CrosstabOptions());

    private static IEnumerable<(string, RenderedChart)> Crosstabs()
    {
        yield return ("crosstab-urgent-needs-by-identity", CrosstabChart.Create(UrgentNeedsByIdentity(), "您迫切需要党组织提供哪些方面服务（按身份）"));
        var necessity = Crosstab.Compute(SurveyAggregates.CrosstabInput(Grassroots, "necessity", "identity"), new CrosstabOptions());
        yield return ("crosstab-necessity-by-identity", CrosstabChart.Create(necessity, "您对当前农村(社区)建设服务型党组织的看法是（按身份）"));
        // A small subset (one village's 30 forms) so the cadre column falls below k = 5 and gets suppressed.
        var small = Crosstab.Compute(SurveyAggregates.CrosstabInput(Grassroots, "overall-view", "identity", Grassroots.Responses.Take(30).ToList()),
            new CrosstabOptions());
        yield return ("crosstab-overall-view-by-identity-suppressed", CrosstabChart.Create(small, "您对目前农村(社区)服务型党组织建设状况的看法是（按身份，小样本）"));
    }

    private static IEnumerable<(string, RenderedChart)> SatisfactionCharts()
    {
        var survey = Satisfaction;
        var items = survey.Questionnaire.Questions.Where(q => q.IsScored)
            .Select(q => new SatisfactionChartItem(q.Text, SatisfactionIndices.Item(SurveyAggregates.SatisfactionItem(survey, q.Id))))
            .ToList();
        yield return ("satisfaction-items", SatisfactionChart.Create("群众满意度测评：各项满意度指数", items,
            new SatisfactionChartItem("综合满意度指数", SurveyAggregates.Composite(survey))));

        var identity = survey.Questionnaire["identity"];
        var segments = identity.Options.Select(o => new SatisfactionChartItem(o.Label,
            SurveyAggregates.Composite(survey, survey.Responses.Where(r => r["identity"][0] == o.Id)))).ToList();
        yield return ("satisfaction-by-identity", SatisfactionChart.CreateBySegment("综合满意度指数（按身份）", segments));
    }
}
