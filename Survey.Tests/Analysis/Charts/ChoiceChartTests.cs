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

    [Fact]
    public void Long_option_labels_are_wrapped_to_two_lines_and_shortened_with_an_ellipsis()
    {
        string medium = "政策咨询、证照办理、社会保障、医疗救助、就业创业等方面的代办服务";
        string veryLong = string.Concat(Enumerable.Repeat("村(社区)党组织为群众提供的便民服务事项", 4));
        var tally = ChoiceTallies.Compute(new ChoiceQuestionCounts("q", "您迫切需要党组织提供哪些方面服务", true,
            [new OptionCount("a", medium, 10), new OptionCount("b", veryLong, 5), new OptionCount("c", "其他", 1)], 20, 20, 20), TallyBase.Answered);

        var chart = ChoiceChart.Create(tally);
        var texts = chart.Texts;

        // The medium label is split over two lines without losing a character.
        string wrappedMedium = Assert.Single(texts, t => t.Contains('\n') && t.Replace("\n", "") == medium);
        Assert.Equal(2, wrappedMedium.Split('\n').Length);
        // The very long one keeps two lines and ends with "…"; what is shown is the start of the label.
        string wrappedLong = Assert.Single(texts, t => t.EndsWith('…'));
        Assert.Equal(2, wrappedLong.Split('\n').Length);
        Assert.StartsWith(wrappedLong.Replace("\n", "").TrimEnd('…'), veryLong);
        // Each line fits the label column (30 % of the width) when measured with the chart font at 12 px.
        using var font = new SkiaSharp.SKFont(ChartFonts.Regular, 12);
        Assert.All(wrappedMedium.Split('\n').Concat(wrappedLong.Split('\n')),
            line => Assert.True(font.MeasureText(line) <= chart.SuggestedWidth * 0.3f, line));
        ChartOutput.Save(chart, "choice-long-labels");
    }
}
