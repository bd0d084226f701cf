using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Survey.Core.Definitions;

/// <summary>
/// Reads <c>opensAt</c>/<c>closesAt</c>: ISO 8601 date and time, e.g. <c>2026-03-01T08:00:00+08:00</c> or <c>…Z</c>;
/// without an offset the time is Beijing time (UTC+8, no daylight saving), never the server's local zone. Writes
/// with the offset, so a definition served back is unambiguous.
/// </summary>
public sealed partial class BeijingTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(?<offset>Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex Iso8601();

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : null;
        if (text is not null && Parse(text) is { } time) return time;
        throw new JsonException(
            $"\"{(text ?? reader.TokenType.ToString())}\" is not an ISO 8601 date and time, e.g. \"2026-03-01T08:00:00+08:00\" (without an offset: Beijing time)");
    }

    /// <summary>The time, or null when the text is not a complete ISO 8601 date and time.</summary>
    public static DateTimeOffset? Parse(string text)
    {
        var match = Iso8601().Match(text);
        if (!match.Success) return null;
        if (match.Groups["offset"].Success)
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) ? withOffset : null;
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), BeijingTime.Offset)
            : null;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
}
