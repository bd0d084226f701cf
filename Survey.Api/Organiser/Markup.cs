namespace Survey.Api.Organiser;

/// <summary>
/// HTML that is already safe (built by <see cref="AdminHtml.Html"/> from literals and encoded values). Only this type
/// is inserted unencoded into a page; every other value is encoded, so a resident's text can never become markup.
/// </summary>
public readonly record struct Markup(string Value)
{
    public static Markup Empty { get; } = new("");

    /// <summary>The project's own stylesheet inlined in a &lt;style&gt; element (never residents' text); "&lt;/" is escaped so it cannot close the element.</summary>
    public static Markup TrustedCss(string css) => new(css.Replace("</", "<\\/"));

    public override string ToString() => Value ?? "";
}
