using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace Survey.Core.Definitions;

public sealed record Question
{
    /// <summary>Default and upper bound of a text question's length, and of an "other" text.</summary>
    public const int DefaultTextLength = 500;

    public required string Id { get; init; }
    public required string Text { get; init; }
    public string? Description { get; init; }
    public required QuestionType Type { get; init; }
    public bool Required { get; init; }
    public int? MinSelections { get; init; }
    public int? MaxSelections { get; init; }
    public int? MaxLength { get; init; }
    public string? Group { get; init; }
    public double? Weight { get; init; }
    public VisibleIf? VisibleIf { get; init; }
    public IReadOnlyList<QuestionOption>? Options { get; init; }

    [JsonIgnore]
    public IReadOnlyList<QuestionOption> OptionList => Options ?? [];

    /// <summary>Fewest options in an answer to a multi question (1 unless set): an empty answer is no answer.</summary>
    [JsonIgnore]
    public int EffectiveMinSelections => Type == QuestionType.Multi ? Math.Max(1, MinSelections ?? 1) : 1;

    /// <summary>Most options in one answer: 1 for single, maxSelections or every option for multi.</summary>
    [JsonIgnore]
    public int EffectiveMaxSelections => Type == QuestionType.Multi ? MaxSelections ?? OptionList.Count : 1;

    [JsonIgnore]
    public int EffectiveMaxLength => MaxLength ?? DefaultTextLength;

    /// <summary>A scored question (satisfaction scale): its options carry a "score" key.</summary>
    [JsonIgnore]
    public bool IsScored => Type == QuestionType.Single && OptionList.Any(o => o.HasScoreKey);

    [JsonIgnore]
    public double EffectiveWeight => Weight ?? 1.0;

    /// <summary>A loop rather than LINQ: the validator calls this for every chosen option of every submission.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public QuestionOption? FindOption(string optionId)
    {
        var options = OptionList;
        for (var i = 0; i < options.Count; i++)
            if (options[i].Id == optionId) return options[i];
        return null;
    }
}
