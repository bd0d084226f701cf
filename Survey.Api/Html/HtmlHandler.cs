using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Survey.Api;

/// <summary>
/// Builds HTML from an interpolated string: the literal parts are the template, every hole is HTML-encoded unless
/// it is <see cref="Markup"/>. Escaping is the default, so forgetting it is not possible.
/// </summary>
[InterpolatedStringHandler]
public ref struct HtmlHandler
{
    private readonly StringBuilder builder;

    public HtmlHandler(int literalLength, int formattedCount) => builder = new StringBuilder(literalLength + formattedCount * 16);

    public void AppendLiteral(string value) => builder.Append(value);

    public void AppendFormatted<T>(T value)
    {
        switch (value)
        {
            case Markup markup: builder.Append(markup.Value); break;
            case IEnumerable<Markup> many: foreach (var markup in many) builder.Append(markup.Value); break;
            case IFormattable formattable: builder.Append(HtmlEngine.Encode(formattable.ToString(null, CultureInfo.InvariantCulture))); break;
            default: builder.Append(HtmlEngine.Encode(value?.ToString())); break;
        }
    }

    public void AppendFormatted<T>(T value, string format) where T : IFormattable =>
        builder.Append(HtmlEngine.Encode(value.ToString(format, CultureInfo.InvariantCulture)));

    public override string ToString() => builder.ToString();
}
