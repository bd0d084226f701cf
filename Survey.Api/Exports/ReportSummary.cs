using Survey.Analysis.Charts;
using Survey.Analysis.Wording;
using Survey.Api.Organiser;
using static Survey.Api.Organiser.AdminHtml;

namespace Survey.Api.Exports;

/// <summary>
/// summary.html of the report bundle: a report that prints to A4 (Chromium, LibreOffice): a cover with the
/// questionnaire, the scope, the number of responses, the base and the generation time, and the list of questions;
/// then the dashboard's sections (satisfaction indices first for a scored questionnaire). The stylesheet's print
/// rules number the pages and keep headings with what follows; long tables split with their header repeated.
/// Self-contained (stylesheet inlined, charts as data: URIs, nothing fetched). Opened from disk, so the site's CSP
/// does not apply; everything residents wrote is still encoded.
/// </summary>
public static class ReportSummary
{
    public static Markup Render(ReportBundle.Contents contents, Func<string, string?> chartSource)
    {
        var analysis = contents.Analysis;
        var questionnaire = analysis.Questionnaire;
        var contentsList = questionnaire.Questions.Select((q, i) => Html($"""<li><a href="#q-{q.Id}">{i + 1}. {q.Text}</a></li>"""));
        var styles = Html($"""<style>{Markup.TrustedCss(contents.Stylesheet)}</style>""");
        return HtmlDocument.Printable($"{questionnaire.Title} · 调查结果", styles, "admin report", Html($"""
            <main>
            <section class="cover">
            <p class="muted">调查结果报告</p>
            <h1>{questionnaire.Title}</h1>
            <dl class="scope">
            <dt>{Labels.ScopeLabel}</dt><dd>{contents.Scope.Describe()}</dd>
            <dt>答卷</dt><dd><strong>{analysis.Counts.Responses}</strong> 份</dd>
            <dt>{Labels.BaseLabel}</dt><dd>{BaseDescription.Of(analysis.Basis)}</dd>
            <dt>{Labels.GeneratedLabel}</dt><dd>{Labels.Generated(contents.GeneratedAt)}</dd>
            </dl>
            <h2>目录</h2>
            <ol class="toc">{(contents.Scores is null ? Markup.Empty : Html($"""<li class="plain"><a href="#satisfaction">满意度指数</a></li>"""))}{contentsList}</ol>
            </section>
            {QuestionnairePage.Sections(analysis, contents.Scores, chartSource)}
            </main>
            """));
    }
}
