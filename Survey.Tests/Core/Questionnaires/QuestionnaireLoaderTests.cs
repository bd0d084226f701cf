using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Survey.Core.Questionnaires;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Core.Questionnaires;

public class QuestionnaireLoaderTests
{
    private static string Shipped(string id) => File.ReadAllText(Path.Combine(RepositoryPaths.Questionnaires, id + ".json"));

    /// <summary>Loads a shipped questionnaire after an edit to its JSON, as a broken copy would be.</summary>
    internal static QuestionnaireLoadResult LoadEdited(string id, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(Shipped(id))!;
        edit(node);
        return QuestionnaireLoader.Load(id + ".json", node.ToJsonString());
    }

    [Fact]
    public void Grassroots_service_models_article_5_with_the_printed_limits()
    {
        var result = QuestionnaireLoader.Load("grassroots-service.json", Shipped("grassroots-service"));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var q = result.Questionnaire!;
        Assert.Equal(10, q.Questions.Count);
        Assert.Contains("本调查问卷的答案无对错之分", q.Intro);
        // Limits as printed: 1 one; 2 at most 1; 3 at most 6; 4 at most 1; 5 at most 4; 6 at most 5; 8 any; 9 at most 3; 10 at most 1.
        int[] expectedMax = [1, 1, 6, 1, 4, 5, 1, 5, 3, 1];
        Assert.Equal(expectedMax, q.Questions.Select(x => x.EffectiveMaxSelections));
        Assert.Equal(6, q.Questions[2].OptionList.Count);
        Assert.Equal(new VisibleIf { Question = "identity", AnyOf = ["cadre"] }.Question, q.Questions[4].VisibleIf!.Question);
        Assert.Equal(["cadre"], q.Questions[4].VisibleIf!.AnyOf);
        Assert.Equal("村(社区)“两委”干部", q.Questions[0].FindOption("cadre")!.Label);
        Assert.DoesNotContain(q.Questions[5].OptionList, o => o.AllowsText);
        Assert.Equal(QuestionType.Multi, q.Questions[7].Type);
        Assert.Null(q.Questions[7].MaxSelections);
        foreach (var index in new[] { 2, 3, 4, 6, 7, 8 })
            Assert.Equal("其他", Assert.Single(q.Questions[index].OptionList, o => o.AllowsText).Label);
        Assert.Contains("最关键之处", q.Questions[6].Text);
        Assert.Contains("Question 7 prints no limit", q.Description);
    }

    [Fact]
    public void Resident_satisfaction_rates_the_six_goals_and_five_services_with_scores()
    {
        var result = QuestionnaireLoader.Load("resident-satisfaction.json", Shipped("resident-satisfaction"));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var scored = result.Questionnaire!.Questions.Where(q => q.IsScored).ToList();
        Assert.Equal(11, scored.Count);
        Assert.All(scored, q =>
        {
            Assert.Equal(["满意", "基本满意", "不满意", "不了解"], q.OptionList.Select(o => o.Label));
            Assert.Null(q.FindOption("unknown")!.Score);
            Assert.True(q.FindOption("unknown")!.HasScoreKey);
            Assert.Equal(100, q.FindOption("satisfied")!.Score);
        });
        Assert.Equal(6, scored.Count(q => q.Group == "six-goals"));
        Assert.Equal(5, scored.Count(q => q.Group == "five-services"));
        Assert.Contains(result.Questionnaire.Questions, q => q.Type == QuestionType.Text && q.EffectiveMaxLength == 500);
    }

    [Fact]
    public void A_duplicate_question_id_is_named_with_its_path()
    {
        var result = LoadEdited("grassroots-service", n => n["questions"]![1]!["id"] = "identity");
        Assert.False(result.IsValid);
        Assert.Contains("grassroots-service.json: questions[1].id: duplicate question id \"identity\"", result.Errors);
    }

    [Fact]
    public void A_visibleIf_naming_a_missing_option_is_named_with_its_path()
    {
        var result = LoadEdited("grassroots-service", n => n["questions"]![4]!["visibleIf"]!["anyOf"]![0] = "cadres");
        Assert.Equal(["grassroots-service.json: questions[4].visibleIf.anyOf[0]: no option \"cadres\" in question \"identity\""], result.Errors);
        Assert.Null(result.Questionnaire);
    }

    [Fact]
    public void A_visibleIf_naming_a_later_or_text_question_is_refused()
    {
        var later = LoadEdited("grassroots-service", n => n["questions"]![4]!["visibleIf"]!["question"] = "problems");
        Assert.Equal(["grassroots-service.json: questions[4].visibleIf.question: question \"problems\" must come before question \"services-offered\""], later.Errors);
        var text = LoadEdited("resident-satisfaction", n => n["questions"]!.AsArray().Add(JsonNode.Parse(
            """{ "id": "after-text", "text": "x", "type": "single", "visibleIf": { "question": "suggestions", "anyOf": ["a"] }, "options": [ { "id": "a", "label": "a" } ] }""")));
        Assert.Contains(text.Errors, e => e.StartsWith("resident-satisfaction.json: questions[14].visibleIf.question: question \"suggestions\" is a text question"));
    }

    [Fact]
    public void Max_selections_above_the_option_count_is_refused()
    {
        var result = LoadEdited("grassroots-service", n => n["questions"]![8]!["maxSelections"] = 5);
        Assert.Equal(["grassroots-service.json: questions[8].maxSelections: maxSelections 5 is greater than the 4 options"], result.Errors);
    }

    [Fact]
    public void Min_above_max_and_two_text_options_are_refused()
    {
        var result = LoadEdited("grassroots-service", n =>
        {
            n["questions"]![8]!["minSelections"] = 3;
            n["questions"]![8]!["maxSelections"] = 2;
            n["questions"]![8]!["options"]![0]!["allowsText"] = true;
        });
        Assert.Contains("grassroots-service.json: questions[8].minSelections: minSelections 3 is greater than maxSelections 2", result.Errors);
        Assert.Contains("grassroots-service.json: questions[8].options[3].allowsText: at most one option per question takes the respondent's own words", result.Errors);
    }

    [Fact]
    public void Invalid_json_is_reported_with_the_file_name_and_line()
    {
        var result = QuestionnaireLoader.Load("broken.json", "{ \"id\": \"x\",\n  \"questions\": [ }");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("broken.json: ", error);
        Assert.Contains("line 2", error);
    }

    [Fact]
    public void Wrong_types_and_unknown_keys_are_reported_with_their_path()
    {
        var wrongType = LoadEdited("grassroots-service", n => n["questions"]![2]!["maxSelections"] = "six");
        Assert.StartsWith("grassroots-service.json: questions[2].maxSelections: ", Assert.Single(wrongType.Errors));
        var unknownKey = LoadEdited("grassroots-service", n => n["questions"]![0]!["colour"] = "red");
        Assert.StartsWith("grassroots-service.json: questions[0].colour: ", Assert.Single(unknownKey.Errors));
        var badType = LoadEdited("grassroots-service", n => n["questions"]![0]!["type"] = "ranking");
        Assert.StartsWith("grassroots-service.json: questions[0].type: ", Assert.Single(badType.Errors));
    }

    [Fact]
    public void A_scored_question_needs_a_score_or_null_on_every_option()
    {
        var result = LoadEdited("resident-satisfaction", n => n["questions"]![2]!["options"]![1]!.AsObject().Remove("score"));
        Assert.Equal(["resident-satisfaction.json: questions[2].options[1].score: a scored question needs a score (or null) on every option"], result.Errors);
        var outOfRange = LoadEdited("resident-satisfaction", n => n["questions"]![2]!["options"]![0]!["score"] = 120);
        Assert.Equal(["resident-satisfaction.json: questions[2].options[0].score: must be a number from 0 to 100, or null for 'not known'"], outOfRange.Errors);
    }

    [Fact]
    public void The_catalog_serves_the_valid_files_and_says_why_a_broken_one_is_not_served()
    {
        var folder = Directory.CreateTempSubdirectory("survey-catalog").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "grassroots-service.json"), Shipped("grassroots-service"));
            var broken = JsonNode.Parse(Shipped("resident-satisfaction"))!;
            broken["questions"]![1]!["id"] = "identity";
            File.WriteAllText(Path.Combine(folder, "resident-satisfaction.json"), broken.ToJsonString());
            File.WriteAllText(Path.Combine(folder, "not-json.json"), "this is not json");
            File.Copy(Path.Combine(RepositoryPaths.Questionnaires, "questionnaire.schema.json"), Path.Combine(folder, "questionnaire.schema.json"));

            var catalog = QuestionnaireCatalog.LoadFolder(folder, NullLogger.Instance);

            Assert.Equal(["grassroots-service"], catalog.All.Select(q => q.Id));
            Assert.Null(catalog.Find("resident-satisfaction"));
            Assert.Equal(["not-json.json", "resident-satisfaction.json"], catalog.Rejected.Select(r => r.FileName).Order());
            Assert.Contains("resident-satisfaction.json: questions[1].id: duplicate question id \"identity\"",
                catalog.Rejected.Single(r => r.FileName == "resident-satisfaction.json").Errors);
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public void The_served_definition_keeps_every_key_and_value_of_the_file()
    {
        foreach (var id in new[] { "grassroots-service", "resident-satisfaction" })
        {
            var original = JsonNode.Parse(Shipped(id))!;
            var loaded = QuestionnaireLoader.Load(id + ".json", Shipped(id)).Questionnaire!;
            var served = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(loaded, QuestionnaireJson.Options))!;
            AssertContains(original, served, "$");
        }
    }

    /// <summary>Every key of the file is served with the same value; the server may add defaults (e.g. "allowsText": false).</summary>
    private static void AssertContains(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject obj:
                var actualObject = Assert.IsType<JsonObject>(actual);
                foreach (var (key, value) in obj) AssertContains(value, actualObject[key], $"{path}.{key}");
                break;
            case JsonArray array:
                var actualArray = Assert.IsType<JsonArray>(actual);
                Assert.Equal(array.Count, actualArray.Count);
                for (var i = 0; i < array.Count; i++) AssertContains(array[i], actualArray[i], $"{path}[{i}]");
                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: expected {expected?.ToJsonString() ?? "null"}, served {actual?.ToJsonString() ?? "null"}");
                break;
        }
    }
}
