using Survey.Api.Organiser;
using static Survey.Api.Organiser.AdminHtml;

namespace Survey.Api.Exports;

/// <summary>
/// summary.html of the report bundle: the dashboard's sections as one self-contained page (its stylesheet inlined,
/// charts as data: URIs, nothing fetched), headed by the questionnaire, the filters applied and the generation time.
/// Opened from disk, so the site's CSP does not apply; everything residents wrote is still encoded.
/// </summary>
public static class ReportSummary
{
    public static Markup Render(ReportBundle.Contents contents, Func<string, string?> chartSource)
    {
        var analysis = contents.Analysis;
        var questionnaire = analysis.Questionnaire;
        return Html($"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{questionnaire.Title} · 调查结果</title>
            <style>{new Markup(contents.Stylesheet.Replace("</", "<\\/"))}</style>
            </head>
            <body class="admin report">
            <main>
            <h1>{questionnaire.Title}</h1>
            <section class="summary">
            <p class="applied">范围：{QuestionnairePage.Describe(questionnaire, analysis.Filter, analysis.By)}</p>
            <p>答卷 <strong>{contents.Results.Responses}</strong> 份 · 百分比的基数：{TallyTables.BasisLabel(contents.Results.Basis)} · 生成时间 {contents.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} (UTC)</p>
            </section>
            {QuestionnairePage.Sections(questionnaire, contents.Results, contents.Scores, chartSource)}
            </main>
            </body>
            </html>
            """);
    }
}
