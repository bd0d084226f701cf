namespace Survey.Api.ResidentForm;

/// <summary>
/// The resident pages as HTML, rendered from a questionnaire definition with <c>Html($"…")</c>: every value that comes
/// from a definition or from a resident is encoded; the markup around it is constant. No inline script or style:
/// behaviour is in /form.js, looks in /form.css, so the Content-Security-Policy needs no exceptions.
/// </summary>
public static class FormRenderer
{
    public const string ThankYou = "衷心感谢您的支持配合！";

    public sealed record Assets(string StylesheetUrl, string ScriptUrl, string IconUrl);

    /// <summary>What to show in a form: the answers to put back and the errors to show (both empty for a fresh form).</summary>
    /// <param name="InvitationCode">The code to put back in its field (from the QR link's <c>?code=</c>, or as typed).</param>
    public sealed record FormState(ResponseSubmission Answers, IReadOnlyList<SubmissionError> Errors, string IdempotencyKey, string? InvitationCode = null)
    {
        public static FormState Fresh(string? invitationCode = null) => new(ResponseSubmission.Empty, [], NewKey(), invitationCode);
    }

    public static string NewKey() => Guid.NewGuid().ToString("N");

    public static string Index(IEnumerable<Questionnaire> questionnaires, Assets assets)
    {
        var open = questionnaires.Where(q => q.Open).ToList();
        var list = open.Count == 0
            ? Html($"<p>目前没有正在进行的问卷。</p>\n")
            : Html($"""
                <p>请选择要填写的问卷：</p>
                <ul class="questionnaire-list">
                {open.Select(q => Html($"""<li><a href="{FormPath(q.Id)}">{q.Title}</a></li>{LineBreak}"""))}</ul>

                """);
        return Page("问卷调查", Html($"<h1>问卷调查</h1>\n{list}"), assets);
    }

    public static string Form(Questionnaire questionnaire, FormState state, Assets assets)
    {
        var questionIds = questionnaire.Questions.Select(q => q.Id).ToHashSet();
        var byQuestion = state.Errors.Where(e => questionIds.Contains(e.Key)).ToLookup(e => e.Key, e => e.Message);
        var general = state.Errors.Where(e => !questionIds.Contains(e.Key)).Select(e => e.Message).ToList();

        var intro = string.IsNullOrWhiteSpace(questionnaire.Intro) ? Markup.Empty : Html($"""<p class="intro">{questionnaire.Intro}</p>{LineBreak}""");
        var requiredNote = questionnaire.Questions.Any(q => q.Required)
            ? Html($"""<p class="note">标有<span class="required">必答</span>的题目必须作答，其余题目可以不答。</p>{LineBreak}""")
            : Markup.Empty;

        // The summary at the top: what was wrong, with links to the questions (errors are also shown beside each question).
        var summary = Markup.Empty;
        if (state.Errors.Count > 0)
        {
            // "Try again shortly" (busy, database unavailable) is not a mistake in the answers: a title that says so.
            var title = state.Errors.All(e => e.Rule == Limits.TryAgain.Rule) ? "答卷暂未保存：" : "提交的答案有误，未保存。请按照提示修改后重新提交：";
            var perQuestion = questionnaire.Questions.SelectMany((question, index) => byQuestion[question.Id]
                .Select(message => Html($"""<li><a href="#q-{question.Id}">第{index + 1}题：{message}</a></li>{LineBreak}""")));
            summary = Html($"""
                <p class="form-errors-title">{title}</p>
                <ul>
                {general.Select(message => Html($"<li>{message}</li>\n"))}{perQuestion}</ul>

                """);
        }
        var code = questionnaire.Access == QuestionnaireAccess.Codes
            ? CodeField(state.InvitationCode, state.Errors.Where(e => e.Key == Codes.CodeRefusal.Field).Select(e => e.Message).ToList())
            : Markup.Empty;
        var questions = questionnaire.Questions.Select((question, index) => Question(questionnaire, index, state.Answers, byQuestion[question.Id].ToList()));

        // No cookies are set or read by these pages, so a cross-site POST carries nothing of the resident's and
        // there is nothing for anti-forgery tokens to protect: anyone may submit an anonymous response anyway.
        return Page(questionnaire.Title, Html($"""
            <h1>{questionnaire.Title}</h1>
            {intro}{requiredNote}<div class="form-errors" id="form-errors" role="alert" tabindex="-1"{(state.Errors.Count == 0 ? Html($" hidden") : Markup.Empty)}>
            {summary}</div>
            <form class="survey" id="survey-form" method="post" action="{FormPath(questionnaire.Id)}" data-api="/api/questionnaires/{questionnaire.Id}/responses" data-thanks="{ThanksPath(questionnaire.Id)}" novalidate>
            <input type="hidden" name="{FormSubmissionReader.KeyField}" value="{state.IdempotencyKey}">
            {code}{questions}<div class="actions">
            <button type="submit" class="submit" id="submit">提交问卷</button>
            <p class="status" id="form-status" role="status" aria-live="polite"></p>
            </div>
            </form>

            """), assets);
    }

    public static string Thanks(Questionnaire questionnaire, Assets assets) => Page("提交成功", Html($"""
        <h1>{questionnaire.Title}</h1>
        <div class="thanks" role="status">
        <p class="thanks-title">提交成功</p>
        <p>您的答卷已经收到。{ThankYou}</p>
        </div>
        <p><a class="back" href="/">返回问卷列表</a></p>

        """), assets);

    /// <summary>A short page for "not found", "closed" or "too large": a heading, a sentence and a way back.</summary>
    public static string Message(string title, string detail, Assets assets) => Page(title, Html($"""
        <h1>{title}</h1>
        <p>{detail}</p>
        <p><a class="back" href="/">返回问卷列表</a></p>

        """), assets);

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

    private static Markup Question(Questionnaire questionnaire, int index, ResponseSubmission answers, List<string> errors)
    {
        var question = questionnaire.Questions[index];
        var id = $"q-{question.Id}";
        var multi = question.Type == QuestionType.Multi
            ? Html($" data-max=\"{question.EffectiveMaxSelections}\" data-min=\"{question.EffectiveMinSelections}\"")
            : Markup.Empty;
        var visibleIf = question.VisibleIf is { } condition
            ? Html($" data-visible-if=\"{condition.Question}\" data-visible-values=\"{string.Join(' ', condition.AnyOf)}\"")
            : Markup.Empty;
        var invalid = errors.Count > 0 ? Html($" aria-invalid=\"true\"") : Markup.Empty;
        var required = question.Required ? Html($" <span class=\"required\">必答</span>") : Markup.Empty;
        var description = string.IsNullOrWhiteSpace(question.Description)
            ? Markup.Empty
            : Html($"""<p class="description">{question.Description}</p>{LineBreak}""");
        return Html($"""
            <fieldset class="question" id="{id}" data-question="{question.Id}" data-type="{question.Type.ToString().ToLowerInvariant()}"{multi}{visibleIf} aria-describedby="{id}-rule {id}-error"{invalid}>
            <legend><span class="number">{index + 1}.</span> {question.Text}{required}</legend>
            <p class="rule" id="{id}-rule">（{RuleText(question, questionnaire)}）</p>
            {description}<p class="error" id="{id}-error"{(errors.Count == 0 ? Html($" hidden") : Markup.Empty)}>{string.Join(" ", errors)}</p>
            {(question.Type == QuestionType.Text ? TextAnswer(question, id, answers) : Options(question, id, answers))}</fieldset>

            """);
    }

    /// <summary>The invitation code's field, first in the form; the QR link fills it in.</summary>
    private static Markup CodeField(string? code, List<string> errors) => Html($"""
        <div class="question invitation-code" id="invitation-code-block"{(errors.Count > 0 ? Html($" aria-invalid=\"true\"") : Markup.Empty)}>
        <label class="code-label" for="invitation-code">邀请码 <span class="required">必填</span></label>
        <p class="rule" id="invitation-code-rule">（印在邀请条上，9位字母和数字，例如 ABCD-EFGHJ，不区分大小写；每个邀请码只能提交一份答卷）</p>
        <p class="error" id="invitation-code-error"{(errors.Count == 0 ? Html($" hidden") : Markup.Empty)}>{string.Join(" ", errors)}</p>
        <input type="text" id="invitation-code" name="{FormSubmissionReader.CodeField}" value="{code}" maxlength="20" autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="invitation-code-rule invitation-code-error">
        </div>

        """);

    private static Markup TextAnswer(Question question, string id, ResponseSubmission answers)
    {
        var inputId = $"{id}-text";
        // The newline after <textarea> is eaten by the HTML parser, so an answer that starts with one keeps it.
        return Html($"""
            <label class="text-label" for="{inputId}">请在此填写（不超过{question.EffectiveMaxLength}字）</label>
            <textarea id="{inputId}" name="{FormSubmissionReader.TextPrefix}{question.Id}" rows="5" maxlength="{question.EffectiveMaxLength}">
            {answers.Text.GetValueOrDefault(question.Id)}</textarea>

            """);
    }

    private static Markup Options(Question question, string id, ResponseSubmission answers)
    {
        var chosen = answers.ChosenOptions(question.Id);
        var inputType = question.Type == QuestionType.Single ? "radio" : "checkbox";
        var options = question.OptionList.Select(option =>
        {
            var inputId = $"{id}-{option.Id}";
            var other = Markup.Empty;
            if (option.AllowsText)
            {
                var textId = $"{inputId}-text";
                other = Html($"""<label class="visually-hidden" for="{textId}">“{option.Label}”的具体内容</label><input type="text" class="other-text" id="{textId}" name="{FormSubmissionReader.OtherPrefix}{question.Id}" data-option="{inputId}" maxlength="{SubmissionValidator.MaxOtherTextLength}" placeholder="请注明（不超过{SubmissionValidator.MaxOtherTextLength}字）" value="{answers.OtherText.GetValueOrDefault(question.Id)}">""");
            }
            return Html($"""<div class="option{(option.AllowsText ? " has-text" : "")}"><input type="{inputType}" id="{inputId}" name="{FormSubmissionReader.AnswerPrefix}{question.Id}" value="{option.Id}"{(chosen.Contains(option.Id) ? Html($" checked") : Markup.Empty)}><label for="{inputId}">{option.Label}</label>{other}</div>{LineBreak}""");
        });
        return Html($"""
            <div class="options">
            {options}</div>

            """);
    }

    private static int IndexOf(Questionnaire questionnaire, string questionId)
    {
        for (var i = 0; i < questionnaire.Questions.Count; i++)
            if (questionnaire.Questions[i].Id == questionId) return i;
        return -1;
    }

    private static string Page(string title, Markup body, Assets assets) =>
        HtmlDocument.Page(title, new(assets.StylesheetUrl, assets.ScriptUrl, assets.IconUrl), Html($"""
            <main class="page">
            {body}</main>
            """)).Value;
}
