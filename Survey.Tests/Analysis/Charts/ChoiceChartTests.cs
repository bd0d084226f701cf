using Survey.Analysis.Charts;
using Survey.Analysis.Tallies;

namespace Survey.Tests.Analysis.Charts;

public class ChoiceChartTests
{
    private static ChoiceTally UrgentNeeds() => ChoiceTallies.Compute(new ChoiceQuestionCounts(
        "urgent-needs", "您迫切需要党组织提供哪些方面服务", true,
        [
            new OptionCount("proxy-permits", "政策咨询、证照办理等代办服务", 64),
            new OptionCount("farming-information", "与农业生产相关的信息技术方面服务", 51),
            new OptionCount("legal-services", "法律法规服务", 30),
            new OptionCount("job-training", "职业技能培训服务", 77),
            new OptionCount("other", "其他", 4),
        ],
        AllRespondents: 150, Shown: 140, Answered: 120), TallyBase.Answered);

    [Fact]
    public void Title_subtitle_and_value_labels_say_what_the_percentages_are()
    {
        var chart = ChoiceChart.Create(UrgentNeeds());

        var texts = chart.Texts;
        Assert.Contains("您迫切需要党组织提供哪些方面服务", texts);
        Assert.Contains("基数：回答本题的受访者 n=120；可多选，百分比之和可超过100%", texts);
        // 77 of 120 = 64.17 % (hand).
        Assert.Contains("64.2% (77)", texts);
        ChartOutput.Save(chart, "choice-urgent-needs");
    }

    [Fact]
    public void Single_question_has_no_multi_choice_note_and_names_its_base()
    {
        var tally = ChoiceTallies.Compute(new ChoiceQuestionCounts("q", "您的身份是", false,
            [new OptionCount("a", "普通群众", 3)], 10, 8, 3), TallyBase.Shown);

        Assert.Equal("基数：显示本题的受访者 n=8", BaseDescription.Subtitle(tally));
        Assert.Equal("基数：全部受访者 n=10", BaseDescription.Subtitle(ChoiceTallies.Compute(
            new ChoiceQuestionCounts("q", "Q", false, [new OptionCount("a", "A", 3)], 10, 8, 3), TallyBase.All)));
    }
}
