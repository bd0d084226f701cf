using System.Text.Json;
using System.Text.Json.Serialization;

namespace Survey.Core.Definitions;

/// <summary>One answer option. The id is stable; the label may be reworded without touching stored data.</summary>
public sealed record QuestionOption
{
    public required string Id { get; init; }
    public required string Label { get; init; }

    /// <summary>"其他____": the respondent may add own words.</summary>
    public bool AllowsText { get; init; }

    /// <summary>
    /// Satisfaction score 0–100 (null = 不了解, excluded from indices). Kept as the raw JSON element so that
    /// "score": null (a scored "don't know") is told apart from no score key at all (an unscored option).
    /// </summary>
    [JsonPropertyName("score")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonElement ScoreElement { get; init; }

    [JsonIgnore]
    public bool HasScoreKey => ScoreElement.ValueKind != JsonValueKind.Undefined;

    [JsonIgnore]
    public double? Score => ScoreElement.ValueKind == JsonValueKind.Number ? ScoreElement.GetDouble() : null;
}
