using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Survey.Api;

/// <summary>
/// The one way to write HTML in this project (resident form, organiser pages, report summary): <c>Html($"…")</c>
/// encodes every hole unless it is <see cref="Markup"/>. Imported everywhere by a global <c>using static</c>.
/// </summary>
public static class HtmlEngine
{
    /// <summary>Encodes &lt; &gt; &amp; quotes and control characters; Chinese stays readable in the source.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>HTML-encodes a value for text content or a quoted attribute.</summary>
    public static string Encode(string? value) => value is null ? "" : Encoder.Encode(value);

    public static Markup Html(ref HtmlHandler html) => Markup.Built(html.ToString());

    /// <summary>A line break in the HTML source (a "\n" hole in <c>Html($"…")</c> would be encoded as &amp;#xA;).</summary>
    public static Markup LineBreak { get; } = Html($"\n");
}
