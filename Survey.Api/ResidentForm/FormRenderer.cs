using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Survey.Api.ResidentForm;

/// <summary>
/// The resident pages as HTML, rendered from a questionnaire definition. Every value that comes from a definition
/// or from a resident goes through <see cref="E"/> (HTML encoding); the markup around it is constant. No inline
/// script or style: behaviour is in /form.js, looks in /form.css, so the Content-Security-Policy needs no exceptions.
/// </summary>
public static class FormRenderer
{
    /// <summary>Encodes &lt; &gt; &amp; quotes (and control characters); Chinese text stays readable in the source.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public const string ThankYou = "衷心感谢您的支持配合！";

    public sealed record Assets(string StylesheetUrl, string ScriptUrl, string IconUrl);

    /// <summary>What to show in a form: the answers to put back and the errors to show (both empty for a fresh form).</summary>
    public sealed record FormState(ResponseSubmission Answers, IReadOnlyList<SubmissionError> Errors, string IdempotencyKey)
    {
        public static FormState Fresh() => new(ResponseSubmission.Empty, [], NewKey());
    }

    public static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>HTML-encodes a value for text content or a quoted attribute.</summary>
    public static string E(string? value) => Encoder.Encode(value ?? "");

    public static string Index(IEnumerable<Questionnaire> questionnaires, Assets assets)
    {
        var body = new StringBuilder();
        body.Append("<h1>问卷调查</h1>\n");
        var open = questionnaires.Where(q => q.Open).ToList();
        if (open.Count == 0)
        {
            body.Append("<p>目前没有正在进行的问卷。</p>\n");
        }
        else
        {
            body.Append("<p>请选择要填写的问卷：</p>\n<ul class=\"questionnaire-list\">\n");
            foreach (var questionnaire in open)
                body.Append($"<li><a href=\"{E(FormPath(questionnaire.Id))}\">{E(questionnaire.Title)}</a></li>\n");
            body.Append("</ul>\n");
        }
        return Page("问卷调查", body.ToString(), assets);
    }

    public static string Form(Questionnaire questionnaire, FormState state, Assets assets)
    {
        var questionIds = questionnaire.Questions.Select(q => q.Id).ToHashSet();
        var byQuestion = state.Errors.Where(e => questionIds.Contains(e.Key)).ToLookup(e => e.Key, e => e.Message);
        var general = state.Errors.Where(e => !questionIds.Contains(e.Key)).Select(e => e.Message).ToList();

        var body = new StringBuilder();
        body.Append($"<h1>{E(questionnaire.Title)}</h1>\n");
        if (!string.IsNullOrWhiteSpace(questionnaire.Intro)) body.Append($"<p class=\"intro\">{E(questionnaire.Intro)}</p>\n");
        if (questionnaire.Questions.Any(q => q.Required))
            body.Append("<p class=\"note\">标有<span class=\"required\">必答</span>的题目必须作答，其余题目可以不答。</p>\n");

        // The summary at the top: what was wrong, with links to the questions (errors are also shown beside each question).
        body.Append($"<div class=\"form-errors\" id=\"form-errors\" role=\"alert\" tabindex=\"-1\"{(state.Errors.Count == 0 ? " hidden" : "")}>\n");
        if (state.Errors.Count > 0)
        {
            // "Try again shortly" (busy, database unavailable) is not a mistake in the answers: a title that says so.
            var title = state.Errors.All(e => e.Rule == Limits.TryAgain.Rule) ? "答卷暂未保存：" : "提交的答案有误，未保存。请按照提示修改后重新提交：";
            body.Append($"<p class=\"form-errors-title\">{title}</p>\n<ul>\n");
            foreach (var message in general) body.Append($"<li>{E(message)}</li>\n");
            for (var index = 0; index < questionnaire.Questions.Count; index++)
            {
                var question = questionnaire.Questions[index];
                foreach (var message in byQuestion[question.Id])
                    body.Append($"<li><a href=\"#q-{E(question.Id)}\">第{index + 1}题：{E(message)}</a></li>\n");
            }
            body.Append("</ul>\n");
        }
        body.Append("</div>\n");

        // No cookies are set or read by these pages, so a cross-site POST carries nothing of the resident's and
        // there is nothing for anti-forgery tokens to protect: anyone may submit an anonymous response anyway.
        body.Append($"<form class=\"survey\" id=\"survey-form\" method=\"post\" action=\"{E(FormPath(questionnaire.Id))}\" "
                    + $"data-api=\"{E($"/api/questionnaires/{questionnaire.Id}/responses")}\" data-thanks=\"{E(ThanksPath(questionnaire.Id))}\" novalidate>\n");
        body.Append($"<input type=\"hidden\" name=\"{FormSubmissionReader.KeyField}\" value=\"{E(state.IdempotencyKey)}\">\n");
        for (var index = 0; index < questionnaire.Questions.Count; index++)
            AppendQuestion(body, questionnaire, index, state.Answers, byQuestion[questionnaire.Questions[index].Id].ToList());
        body.Append("<div class=\"actions\">\n<button type=\"submit\" class=\"submit\" id=\"submit\">提交问卷</button>\n"
                    + "<p class=\"status\" id=\"form-status\" role=\"status\" aria-live=\"polite\"></p>\n</div>\n</form>\n");
        return Page(questionnaire.Title, body.ToString(), assets);
    }

    public static string Thanks(Questionnaire questionnaire, Assets assets) => Page("提交成功",
        $"<h1>{E(questionnaire.Title)}</h1>\n<div class=\"thanks\" role=\"status\">\n<p class=\"thanks-title\">提交成功</p>\n"
        + $"<p>您的答卷已经收到。{ThankYou}</p>\n</div>\n<p><a class=\"back\" href=\"/\">返回问卷列表</a></p>\n", assets);

    /// <summary>A short page for "not found", "closed" or "too large": a heading, a sentence and a way back.</summary>
    public static string Message(string title, string detail, Assets assets) => Page(title,
        $"<h1>{E(title)}</h1>\n<p>{E(detail)}</p>\n<p><a class=\"back\" href=\"/\">返回问卷列表</a></p>\n", assets);

    public static string FormPath(string questionnaireId) => $"/q/{Uri.EscapeDataString(questionnaireId)}";

    public static string ThanksPath(string questionnaireId) => $"{FormPath(questionnaireId)}/thanks";

    /// <summary>The question's rule in plain Chinese, from the definition: 单选 / 可多选 / 最多选择N项 / 至少选择N项 / 不超过N字 / its condition.</summary>
    public static string RuleText(Question question, Questionnaire questionnaire)
    {
        var parts = new List<string>();
        switch (question.Type)
        {
            case QuestionType.Single:
                parts.Add("单选");
                break;
            case QuestionType.Multi:
                parts.Add(question.EffectiveMaxSelections < question.OptionList.Count ? $"可多选，最多选择{question.EffectiveMaxSelections}项" : "可多选");
                if (question.EffectiveMinSelections > 1) parts.Add($"至少选择{question.EffectiveMinSelections}项");
                break;
            case QuestionType.Text:
                parts.Add($"请填写，不超过{question.EffectiveMaxLength}字");
                break;
        }
        if (ConditionText(question, questionnaire) is { } condition) parts.Add(condition);
        return string.Join("；", parts);
    }

    /// <summary>"仅限第1题选择“村(社区)“两委”干部”的人回答", or null for an unconditional question.</summary>
    public static string? ConditionText(Question question, Questionnaire questionnaire)
    {
        if (question.VisibleIf is not { } condition || questionnaire.FindQuestion(condition.Question) is not { } controller) return null;
        var number = IndexOf(questionnaire, controller.Id) + 1;
        var labels = string.Join("或", condition.AnyOf.Select(o => $"“{controller.FindOption(o)?.Label ?? o}”"));
        return $"仅限第{number}题选择{labels}的人回答";
    }

    private static void AppendQuestion(StringBuilder html, Questionnaire questionnaire, int index, ResponseSubmission answers, List<string> errors)
    {
        var question = questionnaire.Questions[index];
        var id = $"q-{question.Id}";
        html.Append($"<fieldset class=\"question\" id=\"{E(id)}\" data-question=\"{E(question.Id)}\" data-type=\"{E(question.Type.ToString().ToLowerInvariant())}\"");
        if (question.Type == QuestionType.Multi)
            html.Append($" data-max=\"{question.EffectiveMaxSelections}\" data-min=\"{question.EffectiveMinSelections}\"");
        if (question.VisibleIf is { } condition)
            html.Append($" data-visible-if=\"{E(condition.Question)}\" data-visible-values=\"{E(string.Join(' ', condition.AnyOf))}\"");
        html.Append($" aria-describedby=\"{E(id)}-rule {E(id)}-error\"{(errors.Count > 0 ? " aria-invalid=\"true\"" : "")}>\n");
        html.Append($"<legend><span class=\"number\">{index + 1}.</span> {E(question.Text)}");
        if (question.Required) html.Append(" <span class=\"required\">必答</span>");
        html.Append("</legend>\n");
        html.Append($"<p class=\"rule\" id=\"{E(id)}-rule\">（{E(RuleText(question, questionnaire))}）</p>\n");
        if (!string.IsNullOrWhiteSpace(question.Description)) html.Append($"<p class=\"description\">{E(question.Description)}</p>\n");
        html.Append($"<p class=\"error\" id=\"{E(id)}-error\"{(errors.Count == 0 ? " hidden" : "")}>{E(string.Join(" ", errors))}</p>\n");

        if (question.Type == QuestionType.Text)
        {
            var inputId = $"{id}-text";
            html.Append($"<label class=\"text-label\" for=\"{E(inputId)}\">请在此填写（不超过{question.EffectiveMaxLength}字）</label>\n");
            // The newline after <textarea> is eaten by the HTML parser, so an answer that starts with one keeps it.
            html.Append($"<textarea id=\"{E(inputId)}\" name=\"{FormSubmissionReader.TextPrefix}{E(question.Id)}\" rows=\"5\" maxlength=\"{question.EffectiveMaxLength}\">\n"
                        + $"{E(answers.Text.GetValueOrDefault(question.Id))}</textarea>\n");
        }
        else
        {
            var chosen = answers.ChosenOptions(question.Id);
            var inputType = question.Type == QuestionType.Single ? "radio" : "checkbox";
            html.Append("<div class=\"options\">\n");
            foreach (var option in question.OptionList)
            {
                var inputId = $"{id}-{option.Id}";
                var isChosen = chosen.Contains(option.Id);
                html.Append($"<div class=\"option{(option.AllowsText ? " has-text" : "")}\">"
                            + $"<input type=\"{inputType}\" id=\"{E(inputId)}\" name=\"{FormSubmissionReader.AnswerPrefix}{E(question.Id)}\" value=\"{E(option.Id)}\"{(isChosen ? " checked" : "")}>"
                            + $"<label for=\"{E(inputId)}\">{E(option.Label)}</label>");
                if (option.AllowsText)
                {
                    var textId = $"{inputId}-text";
                    html.Append($"<label class=\"visually-hidden\" for=\"{E(textId)}\">“{E(option.Label)}”的具体内容</label>"
                                + $"<input type=\"text\" class=\"other-text\" id=\"{E(textId)}\" name=\"{FormSubmissionReader.OtherPrefix}{E(question.Id)}\" "
                                + $"data-option=\"{E(inputId)}\" maxlength=\"{SubmissionValidator.MaxOtherTextLength}\" "
                                + $"placeholder=\"请注明（不超过{SubmissionValidator.MaxOtherTextLength}字）\" "
                                + $"value=\"{E(answers.OtherText.GetValueOrDefault(question.Id))}\">");
                }
                html.Append("</div>\n");
            }
            html.Append("</div>\n");
        }
        html.Append("</fieldset>\n");
    }

    private static int IndexOf(Questionnaire questionnaire, string questionId)
    {
        for (var i = 0; i < questionnaire.Questions.Count; i++)
            if (questionnaire.Questions[i].Id == questionId) return i;
        return -1;
    }

    private static string Page(string title, string body, Assets assets) => $"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)}</title>
        <link rel="icon" href="{E(assets.IconUrl)}" type="image/svg+xml">
        <link rel="stylesheet" href="{E(assets.StylesheetUrl)}">
        <script src="{E(assets.ScriptUrl)}" defer></script>
        </head>
        <body>
        <main class="page">
        {body}</main>
        </body>
        </html>

        """;
}
