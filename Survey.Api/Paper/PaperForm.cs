using Survey.Api.Organiser;
using Survey.Api.ResidentForm;
using static Survey.Api.Organiser.AdminHtml;

namespace Survey.Api.Paper;

/// <summary>
/// The printable paper version of a questionnaire (A4, like the source document's form): title, the instructions,
/// every question with its rule in words as the form prints it (单选, 最多选择3项, 仅限第1题选择…的人回答), a box per
/// option to tick, a line to write on after "other" and for text answers. Print CSS (/paper.css) keeps each question
/// on one page. Rule words come from <see cref="FormRenderer.RuleText"/>, the one place they are made.
/// </summary>
public static class PaperForm
{
    public const string Stylesheet = "/paper.css";

    /// <summary>Ruled lines printed for a text question (enough for a few sentences in handwriting).</summary>
    public const int TextLines = 4;

    /// <param name="code">An invitation code to print on this copy, or null.</param>
    public static Markup Render(Questionnaire questionnaire, string stylesheetUrl, string? code = null) =>
        Document(questionnaire, stylesheetUrl, "这是可打印的纸质问卷（A4）。请用浏览器的“打印”（Ctrl+P）打印，纸张选 A4；每道题不会被分在两页。",
            Sheet(questionnaire, code));

    /// <summary>
    /// One HTML document with one copy per code, each starting on a new page (print CSS), each with its code and,
    /// when <paramref name="qrOf"/> gives one, a QR code (e.g. the form's address with the code).
    /// </summary>
    public static Markup RenderCopies(Questionnaire questionnaire, string stylesheetUrl, IReadOnlyList<string> codes, Func<string, Markup>? qrOf = null, Markup? screenNote = null) =>
        Document(questionnaire, stylesheetUrl, $"共{codes.Count}份纸质问卷，每份一个问卷编码（邀请码），每份从新的一页开始。编码只显示这一次：请现在用浏览器的“打印”（Ctrl+P，A4）打印，或另存为 PDF 妥善保管。",
            Html($"{codes.Select(code => Sheet(questionnaire, code, qrOf?.Invoke(code)))}"), screenNote);

    private static Markup Document(Questionnaire questionnaire, string stylesheetUrl, string hint, Markup sheets, Markup? screenNote = null) =>
        HtmlDocument.Printable($"{questionnaire.Title}（纸质问卷）",
            Html($"""<link rel="stylesheet" href="{stylesheetUrl}">{LineBreak}<link rel="icon" href="/favicon.svg" type="image/svg+xml">"""),
            "paper", Html($"""
                <p class="screen-only print-hint">{hint}</p>
                {screenNote ?? Markup.Empty}{sheets}
                """));

    private static Markup Sheet(Questionnaire questionnaire, string? code, Markup? qr = null)
    {
        var questions = questionnaire.Questions.Select((q, i) => Question(questionnaire, q, i + 1));
        var intro = string.IsNullOrWhiteSpace(questionnaire.Intro) ? Markup.Empty : Html($"""<p class="intro">{questionnaire.Intro}</p>""");
        var qrBox = qr is null ? Markup.Empty : Html($"""<div class="code-qr">{qr}</div>""");
        var codeLine = code is null ? Markup.Empty : Html($"""<div class="code-block">{qrBox}<p class="code">问卷编码：<strong>{code}</strong></p></div>""");
        var other = questionnaire.Questions.Any(q => q.Type == QuestionType.Text || q.OptionList.Any(o => o.AllowsText)) ? "；选“其他”或请您填写的，请写在横线上" : "";
        var required = questionnaire.Questions.Any(q => q.Required)
            ? Html($"""<span>标有“必答”的题目必须作答，其余题目可以不答。</span>""")
            : Markup.Empty;
        return Html($"""
            <article class="sheet">
            <header>
            {codeLine}
            <h1>{questionnaire.Title}</h1>
            {intro}
            <p class="how">填写方法：请在您认为适合的答案前的方框内打“√”{other}。{required}</p>
            </header>
            <ol class="questions">
            {questions}
            </ol>
            <footer><p>问卷到此结束。衷心感谢您的支持配合！</p></footer>
            </article>
            """);
    }

    private static Markup Question(Questionnaire questionnaire, Question question, int number)
    {
        var requiredMark = question.Required ? Html($"""<span class="required">必答</span>""") : Markup.Empty;
        var description = string.IsNullOrWhiteSpace(question.Description) ? Markup.Empty : Html($"""<p class="description">{question.Description}</p>""");
        Markup answers;
        if (question.Type == QuestionType.Text)
            answers = Html($"""<div class="lines">{Enumerable.Range(0, TextLines).Select(_ => Html($"""<span class="line"></span>"""))}</div>""");
        else
        {
            // Short labels sit two or three to a row, as on the printed form; long ones take the whole width.
            var longest = question.OptionList.Max(o => o.Label.Length + (o.AllowsText ? 12 : 0));
            var count = question.OptionList.Count;
            var layout = longest <= 6 && count is 4 or 5 ? $"options columns-{count}"
                : longest <= 8 ? "options columns-3" : longest <= 18 ? "options columns-2" : "options";
            answers = Html($"""<ul class="{layout}">{question.OptionList.Select(o => o.AllowsText
                ? Html($"""<li class="other"><span class="box" aria-hidden="true"></span><span class="label">{o.Label}</span><span class="blank"></span></li>""")
                : Html($"""<li><span class="box" aria-hidden="true"></span><span class="label">{o.Label}</span></li>"""))}</ul>""");
        }
        return Html($"""
            <li class="question" id="q-{question.Id}">
            <p class="text"><span class="number">{number}、</span>{question.Text}<span class="rule">（{FormRenderer.RuleText(question, questionnaire)}）</span>{requiredMark}</p>
            {description}
            {answers}
            </li>
            """);
    }
}
