namespace Survey.Api;

/// <summary>
/// The one page shell (doctype, head, body) of the resident form and the organiser pages. Pages link their stylesheet
/// and script only: no inline script or style, so the Content-Security-Policy needs no exceptions.
/// </summary>
public static class HtmlDocument
{
    /// <summary>The page's own files (URLs may carry a content-hash version).</summary>
    public sealed record Links(string Stylesheet, string Script, string Icon);

    /// <param name="indexable">False for organiser pages: search engines are asked not to index them.</param>
    public static Markup Page(string title, Links links, Markup body, string? bodyClass = null, bool indexable = true)
    {
        var robots = indexable ? Markup.Empty : Html($"""<meta name="robots" content="noindex">{LineBreak}""");
        var bodyTag = bodyClass is null ? Html($"<body>") : Html($"""<body class="{bodyClass}">""");
        return Html($"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            {robots}<title>{title}</title>
            <link rel="icon" href="{links.Icon}" type="image/svg+xml">
            <link rel="stylesheet" href="{links.Stylesheet}">
            <script src="{links.Script}" defer></script>
            </head>
            {bodyTag}
            {body}
            </body>
            </html>

            """);
    }

    /// <summary>
    /// The shell of a document that stands alone, outside the site (summary.html and bulletin.html in a report bundle,
    /// print pages): the same doctype and head as <see cref="Page"/>, with its styles given by the caller
    /// (<see cref="Markup.TrustedCss"/> inline, or a stylesheet link) and no script.
    /// </summary>
    public static Markup Printable(string title, Markup styles, string bodyClass, Markup body) => Html($"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title}</title>
        {styles}
        </head>
        <body class="{bodyClass}">
        {body}
        </body>
        </html>

        """);
}
