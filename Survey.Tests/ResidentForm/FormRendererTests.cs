using Survey.Api;
using System.Text.Json;
using Survey.Core.Questionnaires;
using Survey.Api.ResidentForm;

namespace Survey.Tests.ResidentForm;

/// <summary>The HTML for any questionnaire: rules in words, and every value from a definition or a resident encoded.</summary>
public sealed class FormRendererTests
{
    private static readonly FormRenderer.Assets Assets = new("/form.css?v=1", "/form.js?v=1", "/favicon.svg?v=1");

    private static Question Multi(string id, int options, int? min = null, int? max = null) => new()
    {
        Id = id, Text = "题", Type = QuestionType.Multi, MinSelections = min, MaxSelections = max,
        Options = Enumerable.Range(1, options).Select(i => new QuestionOption { Id = $"o{i}", Label = $"选项{i}" }).ToList(),
    };

    private static Questionnaire With(params Question[] questions) => new() { Id = "t", Version = 1, Title = "测试", Questions = questions };

    [Fact]
    public void Rules_are_worded_from_the_definition()
    {
        var single = new Question { Id = "s", Text = "身份", Type = QuestionType.Single, Options = [new() { Id = "a", Label = "甲" }, new() { Id = "b", Label = "乙“丙”" }] };
        var conditional = new Question
        {
            Id = "c", Text = "跟进", Type = QuestionType.Multi, MaxSelections = 1, VisibleIf = new() { Question = "s", AnyOf = ["a", "b"] },
            Options = [new() { Id = "x", Label = "X" }, new() { Id = "y", Label = "Y" }],
        };
        var text = new Question { Id = "t", Text = "建议", Type = QuestionType.Text, MaxLength = 200 };
        var questionnaire = With(single, Multi("all", 4), Multi("three", 5, max: 3), Multi("two-to-three", 5, min: 2, max: 3), conditional, text);

        Assert.Equal("单选", FormRenderer.RuleText(single, questionnaire));
        Assert.Equal("可多选", FormRenderer.RuleText(questionnaire.Questions[1], questionnaire));
        Assert.Equal("可多选，最多选择3项", FormRenderer.RuleText(questionnaire.Questions[2], questionnaire));
        Assert.Equal("可多选，最多选择3项；至少选择2项", FormRenderer.RuleText(questionnaire.Questions[3], questionnaire));
        Assert.Equal("可多选，最多选择1项；仅限第1题选择“甲”或“乙“丙””的人回答", FormRenderer.RuleText(conditional, questionnaire));
        Assert.Equal("请填写，不超过200字", FormRenderer.RuleText(text, questionnaire));
        Assert.Equal("请填写，不超过500字", FormRenderer.RuleText(text with { MaxLength = null }, questionnaire));
    }

    [Fact]
    public void Markup_in_a_definition_is_shown_as_text()
    {
        const string evil = "<script>alert(1)</script>\"'&<img src=x onerror=alert(2)>";
        var questionnaire = new Questionnaire
        {
            Id = "evil", Version = 1, Title = evil, Intro = evil,
            Questions =
            [
                new() { Id = "q", Text = evil, Description = evil, Type = QuestionType.Single, Required = true,
                        Options = [new() { Id = "a", Label = evil }, new() { Id = "b", Label = evil, AllowsText = true }] },
                new() { Id = "w", Text = evil, Type = QuestionType.Text },
            ],
        };
        var answers = new ResponseSubmission(
            new Dictionary<string, IReadOnlyList<string>> { ["q"] = ["b"] },
            new Dictionary<string, string> { ["q"] = evil },
            new Dictionary<string, string> { ["w"] = "</textarea>" + evil });
        var html = FormRenderer.Form(questionnaire, new(answers, [new("q", "rule", evil), new("$", "rule", evil)], "k\"ey"), Assets);

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("</textarea><", html);
        Assert.Equal(1, CountOf(html, "<script"));
        Assert.Equal(1, CountOf(html, "</textarea>"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#x27;&amp;&lt;img src=x onerror=alert(2)&gt;", html);
        Assert.Contains("value=\"k&quot;ey\"", html);
        Assert.Contains(HtmlEngine.Encode(evil), FormRenderer.Index([questionnaire], Assets));
        Assert.DoesNotContain("<script>alert", FormRenderer.Index([questionnaire], Assets));
        Assert.DoesNotContain("<script>alert", FormRenderer.Thanks(questionnaire, Assets));
        Assert.DoesNotContain("<script>alert", FormRenderer.Message(evil, evil, Assets));
    }

    [Fact]
    public void A_text_answer_starting_with_a_line_break_keeps_it()
    {
        var questionnaire = With(new Question { Id = "w", Text = "建议", Type = QuestionType.Text });
        var answers = new ResponseSubmission(new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, string>(),
            new Dictionary<string, string> { ["w"] = "\n第二行" });
        // The parser drops the first newline after <textarea>; the encoded answer's own newline follows it.
        Assert.Contains("maxlength=\"500\">\n&#xA;第二行</textarea>", FormRenderer.Form(questionnaire, new(answers, [], "k"), Assets));
    }

    [Fact]
    public void The_list_shows_open_questionnaires_only()
    {
        var open = With(Multi("m", 2)) with { Id = "open-one", Title = "开放问卷" };
        var closed = open with { Id = "closed-one", Title = "已关闭问卷", Open = false };
        var html = FormRenderer.Index([open, closed], Assets);
        Assert.Contains("<a href=\"/q/open-one\">开放问卷</a>", html);
        Assert.DoesNotContain("closed-one", html);
        Assert.Contains("目前没有正在进行的问卷", FormRenderer.Index([closed], Assets));
    }

    [Fact]
    public void Every_shipped_questionnaire_renders_every_option_once_with_a_label()
    {
        foreach (var file in Directory.EnumerateFiles(TestSupport.RepositoryPaths.Questionnaires, "*.json").Where(f => !f.EndsWith(".schema.json")))
        {
            var questionnaire = QuestionnaireLoader.LoadFile(file).Questionnaire!;
            var html = FormRenderer.Form(questionnaire, FormRenderer.FormState.Fresh(), Assets);
            foreach (var question in questionnaire.Questions)
            foreach (var option in question.OptionList)
            {
                var id = $"q-{question.Id}-{option.Id}";
                Assert.Equal(1, CountOf(html, $"id=\"{id}\""));
                Assert.Equal(1, CountOf(html, $"<label for=\"{id}\">{HtmlEngine.Encode(option.Label)}</label>"));
            }
            Assert.Equal(questionnaire.Questions.Count, CountOf(html, "<legend>"));
        }
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
