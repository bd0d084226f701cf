using Survey.Api.Organiser;
using Survey.Api.ResidentForm;
using Survey.Api.Model;
using static Survey.Api.Organiser.AdminHtml;

namespace Survey.Api.Entry;

/// <summary>
/// The data-entry screen (<c>/admin/q/{id}/entry</c>): one paper form at a time, every question with its options
/// numbered by <see cref="EntryKeys"/>, errors beside the question. /entry.js drives it from the keyboard (number keys
/// tick, Enter moves on and submits after the last shown question, ↑ or Backspace goes back); without the script it
/// is a plain form that posts and comes back blank (or with the errors). Field names are the resident form's
/// (<see cref="FormSubmissionReader"/>), so the same reader and <see cref="SubmissionValidator"/> apply.
/// </summary>
public static class EntryPage
{
    public const string Script = "/entry.js";
    public const string FilledOnField = "filledOn";
    public const string CountField = "count";
    public const string BatchField = "batch";
    public const string CopyField = "copy";
    public const string NumberField = "number";

    /// <summary>What the page shows: the answers to put back, the errors, the running count and the note of the last save.</summary>
    public sealed record State(
        ResponseSubmission Answers, IReadOnlyList<SubmissionError> Errors, string Key, int Count, string? Saved, string? FilledOn,
        EntryBatch? Batch = null, int Copy = 0, int Number = 0, string? Code = null)
    {
        public static State Fresh(int count, string? saved, EntryBatch? batch = null, int copy = 0, int number = 0) =>
            new(ResponseSubmission.Empty, [], FormRenderer.NewKey(), count, saved, null, batch, copy, number);
    }

    public static string Path(string questionnaireId) => $"/admin/q/{Uri.EscapeDataString(questionnaireId)}/entry";

    public static Markup Render(HttpContext context, Questionnaire questionnaire, State state, string scriptUrl)
    {
        var questionIds = questionnaire.Questions.Select(q => q.Id).ToHashSet();
        var byQuestion = state.Errors.Where(e => questionIds.Contains(e.Key)).ToLookup(e => e.Key, e => e.Message);
        var general = state.Errors.Where(e => !questionIds.Contains(e.Key)).ToList();
        var action = state.Batch is null ? Path(questionnaire.Id) : $"{Path(questionnaire.Id)}?batch={state.Batch.Id}&copy={state.Copy}";
        var batchLine = state.Batch is null
            ? Html($"""<p class="muted">每份录入即保存为一份答卷（收集方式：纸质问卷录入）。需要两人分别录入后核对的，请用<a href="{Path(questionnaire.Id)}/batches">双人录入批次</a>。</p>""")
            : Html($"""
                <p class="entry-batch">双人录入批次 <strong>{state.Batch.Label}</strong> · 录入员{(state.Copy == DataEntryService.CopyA ? "甲" : "乙")}（第{state.Copy}遍） · <a href="{Path(questionnaire.Id)}/batches/{state.Batch.Id}">核对两遍录入</a></p>
                """);
        var numberField = state.Batch is null ? Markup.Empty : Html($"""
            <label class="entry-number">问卷序号（按纸质问卷的顺序）<input type="number" name="{NumberField}" id="entry-number" min="1" max="100000" value="{state.Number}" required></label>
            <input type="hidden" name="{BatchField}" value="{state.Batch.Id}"><input type="hidden" name="{CopyField}" value="{state.Copy}">
            """);
        var errorBox = state.Errors.Count == 0 ? Html($"""<div class="entry-errors" id="entry-errors" role="alert" hidden></div>""") : Html($"""
            <div class="entry-errors" id="entry-errors" role="alert"><p>这份问卷未保存，请按提示改正后再按 Enter 提交：</p><ul>{general.Select(e => Html($"<li>{e.Message}</li>"))}{questionnaire.Questions
                .Select((q, i) => (q, i)).SelectMany(x => byQuestion[x.q.Id].Select(m => Html($"""<li>第{x.i + 1}题：{m}</li>""")))}</ul></div>
            """);
        var codeErrors = state.Errors.Where(e => e.Key == Codes.CodeRefusal.Field).Select(e => e.Message).ToList();
        var codeField = state.Batch is not null || questionnaire.Access != QuestionnaireAccess.Codes ? Markup.Empty : Html($"""
            <div class="entry-code{(codeErrors.Count > 0 ? " has-error" : "")}">
            <label for="entry-code">问卷编码（印在纸质问卷右上角，9位字母和数字，不区分大小写；每个编码只计入一份答卷）</label>
            <input type="text" name="{FormSubmissionReader.CodeField}" id="entry-code" maxlength="20" autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder="ABCD-EFGHJ" value="{state.Code}" aria-describedby="entry-code-error">
            <p class="error" id="entry-code-error"{(codeErrors.Count == 0 ? Html($" hidden") : Markup.Empty)}>{string.Join(" ", codeErrors)}</p>
            </div>
            """);
        var saved = state.Saved is null ? Markup.Empty : Html($"{state.Saved}");
        var questions = questionnaire.Questions.Select((q, i) => Question(questionnaire, q, i, state.Answers, byQuestion[q.Id].ToList()));
        return Html($"""
            <h1>录入纸质问卷：{questionnaire.Title}</h1>
            <p class="entry-links"><a href="/admin/q/{Uri.EscapeDataString(questionnaire.Id)}">问卷结果</a> · <a href="/q/{Uri.EscapeDataString(questionnaire.Id)}/paper">打印纸质问卷</a> · <a href="{Path(questionnaire.Id)}/batches">双人录入批次</a></p>
            {batchLine}
            <div class="entry-help" id="entry-help">
            <p><strong>键盘录入：</strong><kbd>1</kbd>–<kbd>9</kbd>、<kbd>0</kbd> 勾选当前题的第1–10项（再按一次取消），第11–20项用 <kbd>Q</kbd> <kbd>W</kbd> <kbd>E</kbd> <kbd>R</kbd> <kbd>T</kbd> <kbd>Y</kbd> <kbd>U</kbd> <kbd>I</kbd> <kbd>O</kbd> <kbd>P</kbd>；
            <kbd>Enter</kbd> 下一题（不需作答的题自动跳过），最后一题按 <kbd>Enter</kbd> 提交并开始下一份；<kbd>↑</kbd> 或 <kbd>Backspace</kbd> 回到上一题。
            勾选“其他”后直接输入所写内容，按 <kbd>Enter</kbd> 继续。</p>
            </div>
            <p class="entry-count" role="status" aria-live="polite">本次已录入 <strong id="entry-count">{state.Count}</strong> 份<span id="entry-saved" class="entry-saved">{saved}</span></p>
            {errorBox}
            <form class="entry" id="entry-form" method="post" action="{action}" novalidate>
            {AntiforgeryField(context)}
            <input type="hidden" name="{FormSubmissionReader.KeyField}" value="{state.Key}">
            <input type="hidden" name="{CountField}" value="{state.Count}">
            <div class="entry-meta">
            {codeField}{numberField}
            <label>纸质问卷的填写日期（可不填；填写后按此日期计入统计和轮次）<input type="text" name="{FilledOnField}" id="entry-date" inputmode="numeric" maxlength="10" placeholder="如 2026-03-05" value="{state.FilledOn}"></label>
            </div>
            {questions}
            <div class="actions"><button type="submit" id="entry-submit">保存这份问卷</button></div>
            </form>
            <script src="{scriptUrl}" defer></script>
            """);
    }

    private static Markup Question(Questionnaire questionnaire, Question question, int index, ResponseSubmission answers, List<string> errors)
    {
        var id = $"q-{question.Id}";
        var visibleIf = question.VisibleIf is { } condition
            ? Html($""" data-visible-if="{condition.Question}" data-visible-values="{string.Join(' ', condition.AnyOf)}" """)
            : Markup.Empty;
        var limits = question.Type == QuestionType.Multi ? Html($""" data-max="{question.EffectiveMaxSelections}" """) : Markup.Empty;
        var error = Html($"""<p class="error" id="{id}-error"{(errors.Count == 0 ? Html($" hidden") : Markup.Empty)}>{string.Join(" ", errors)}</p>""");
        Markup body;
        if (question.Type == QuestionType.Text)
            body = Html($"""<textarea name="{FormSubmissionReader.TextPrefix}{question.Id}" id="{id}-text" rows="2" maxlength="{question.EffectiveMaxLength}" aria-label="第{index + 1}题的回答">{answers.Text.GetValueOrDefault(question.Id)}</textarea>""");
        else
        {
            var chosen = answers.ChosenOptions(question.Id);
            var type = question.Type == QuestionType.Single ? "radio" : "checkbox";
            body = Html($"""<div class="entry-options">{question.OptionList.Select((o, i) => Option(question, o, i, type, chosen.Contains(o.Id), answers))}</div>""");
        }
        return Html($"""
            <fieldset class="entry-question{(errors.Count > 0 ? " has-error" : "")}" id="{id}" tabindex="-1" data-question="{question.Id}" data-type="{question.Type.ToString().ToLowerInvariant()}"{visibleIf}{limits}>
            <legend><span class="number">{index + 1}.</span> {question.Text} <span class="rule">（{FormRenderer.RuleText(question, questionnaire)}）</span></legend>
            {error}
            {body}
            </fieldset>
            """);
    }

    private static Markup Option(Question question, QuestionOption option, int index, string type, bool isChosen, ResponseSubmission answers)
    {
        var key = EntryKeys.Of(index);
        var keyMark = key is null ? Markup.Empty : Html($"""<kbd>{key}</kbd>""");
        var inputId = $"q-{question.Id}-{option.Id}";
        var input = isChosen
            ? Html($"""<input type="{type}" name="{FormSubmissionReader.AnswerPrefix}{question.Id}" id="{inputId}" value="{option.Id}" data-key="{key}" checked>""")
            : Html($"""<input type="{type}" name="{FormSubmissionReader.AnswerPrefix}{question.Id}" id="{inputId}" value="{option.Id}" data-key="{key}">""");
        var other = option.AllowsText
            ? Html($"""<input type="text" class="other-text" name="{FormSubmissionReader.OtherPrefix}{question.Id}" id="{inputId}-text" maxlength="{SubmissionValidator.MaxOtherTextLength}" aria-label="“{option.Label}”所写内容" value="{answers.OtherText.GetValueOrDefault(question.Id)}">""")
            : Markup.Empty;
        return Html($"""<div class="entry-option">{input}<label for="{inputId}">{keyMark}{option.Label}</label>{other}</div>""");
    }
}
