using System.Text.Json.Nodes;
using static Survey.Tests.Core.Questionnaires.QuestionnaireLoaderTests;

namespace Survey.Tests.Core.Questionnaires;

public class EvaluationChecksTests
{
    private const string File = "resident-satisfaction.json: ";

    [Fact]
    public void The_shipped_satisfaction_questionnaire_has_quarterly_rounds_a_scoring_profile_and_default_weights()
    {
        var q = LoadEdited("resident-satisfaction", _ => { }).Questionnaire!;

        Assert.Equal("quarter", q.Rounds!.Period);
        Assert.Equal(["satisfied", "basically-satisfied"], q.Scoring!.Satisfied);
        Assert.Equal("community", q.Evaluation!.Organisations);
        Assert.Equal((0.5, 0.3, 0.2), (q.Evaluation.Residents, q.Evaluation.Review, q.Evaluation.Self));
        Assert.Equal("满意率 = (满意 + 基本满意) / (有效票，不含不了解)", SatisfactionRule.Describe(q));
    }

    [Fact]
    public void Without_a_profile_the_midpoint_rule_of_today_applies()
    {
        var q = LoadEdited("resident-satisfaction", n => n.AsObject().Remove("scoring")).Questionnaire!;
        var item = q.Questions.First(x => x.IsScored);

        // Scores 100/60/0 (midpoint 50): 满意 and 基本满意 count, 不满意 does not, 不了解 is excluded.
        Assert.Equal([true, true, false, false], item.OptionList.Select(o => SatisfactionRule.CountsAsSatisfied(q, item, o)));
        Assert.Equal("满意率 = (满意 + 基本满意) / (有效票，不含不了解)", SatisfactionRule.Describe(q));
    }

    [Fact]
    public void A_profile_can_count_only_the_top_box()
    {
        var q = LoadEdited("resident-satisfaction", n => n["scoring"]!["satisfied"] = new JsonArray("satisfied")).Questionnaire!;
        var item = q.Questions.First(x => x.IsScored);

        Assert.Equal([true, false, false, false], item.OptionList.Select(o => SatisfactionRule.CountsAsSatisfied(q, item, o)));
        Assert.Equal("满意率 = (满意) / (有效票，不含不了解)", SatisfactionRule.Describe(q));
    }

    [Fact]
    public void Named_rounds_load_with_their_dates()
    {
        var result = LoadEdited("resident-satisfaction", n => n["rounds"] = JsonNode.Parse(
            """{"named": [{"id": "2026q1", "label": "2026年第一季度", "from": "2026-01-01", "to": "2026-03-31"}]}"""));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var round = Assert.Single(result.Questionnaire!.Rounds!.Named!);
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), (round.From, round.To));
    }

    [Theory]
    [InlineData("""{"period": "week"}""", "rounds.period: \"week\" is not month, quarter, half or year")]
    [InlineData("""{"period": "quarter", "named": []}""", "rounds: give either \"period\" (month, quarter, half or year) or \"named\" rounds, not both")]
    [InlineData("""{"named": [{"id": "a", "label": "甲", "from": "2026-04-01", "to": "2026-03-31"}]}""", "rounds.named[0].to: ends (2026-03-31) before it starts (2026-04-01)")]
    [InlineData("""{"named": [{"id": "a", "label": "甲", "from": "2026-01-01", "to": "2026-03-31"}, {"id": "b", "label": "乙", "from": "2026-03-31", "to": "2026-06-30"}]}""", "rounds.named[1]: overlaps round \"a\": a response must fall in one round")]
    [InlineData("""{"named": [{"id": "a", "label": "甲", "from": "2026-01-01", "to": "2026-01-31"}, {"id": "a", "label": "乙", "from": "2026-02-01", "to": "2026-02-28"}]}""", "rounds.named[1].id: duplicate round id \"a\"")]
    public void Bad_rounds_are_refused_with_the_path_and_the_rule(string rounds, string error)
    {
        var result = LoadEdited("resident-satisfaction", n => n["rounds"] = JsonNode.Parse(rounds));

        Assert.Null(result.Questionnaire);
        Assert.Equal([File + error], result.Errors);
    }

    [Theory]
    [InlineData("""{"satisfied": ["very-satisfied"]}""", "scoring.satisfied[0]: no scored question has an option \"very-satisfied\"")]
    [InlineData("""{"satisfied": ["unknown"]}""", "scoring.satisfied[0]: option \"unknown\" is scored null (not known), so it cannot count as satisfied")]
    [InlineData("""{"excluded": ["dissatisfied"]}""", "scoring.excluded[0]: option \"dissatisfied\" has a score: only options scored null are left out of the base")]
    public void Bad_scoring_profiles_are_refused(string scoring, string error)
    {
        var result = LoadEdited("resident-satisfaction", n => n["scoring"] = JsonNode.Parse(scoring));

        Assert.Equal([File + error], result.Errors);
    }

    [Theory]
    [InlineData("""{"organisations": "community", "residents": 0.3, "review": 0.5, "self": 0.2}""",
        "evaluation: the residents' assessment must weigh most (加大群众评价权重): residents 0.3 is not above review 0.5 and self 0.2")]
    [InlineData("""{"residents": 0.6, "review": 0.3}""", "evaluation: weights must sum to 1 (residents + review + self = 1.1)")]
    [InlineData("""{"organisations": "strong-leadership"}""", "evaluation.organisations: \"strong-leadership\" must be an unscored single-choice question (its options are the organisations)")]
    public void Weights_that_do_not_put_residents_first_are_refused_at_load(string evaluation, string error)
    {
        var result = LoadEdited("resident-satisfaction", n => n["evaluation"] = JsonNode.Parse(evaluation));

        Assert.Equal([File + error], result.Errors);
    }

    [Theory]
    [InlineData(0.5, 0.3, 0.2, null)]
    [InlineData(0.4, 0.4, 0.2, "the residents' assessment must weigh most (加大群众评价权重): residents 0.4 is not above review 0.4 and self 0.2")]
    [InlineData(0.5, 0.3, 0.3, "weights must sum to 1 (residents + review + self = 1.1)")]
    [InlineData(1.2, -0.1, -0.1, "weights must not be negative")]
    public void Weights_must_sum_to_one_with_the_residents_weighing_most(double residents, double review, double self, string? violation)
    {
        Assert.Equal(violation, new EvaluationSettings { Residents = residents, Review = review, Self = self }.Violation());
    }
}
