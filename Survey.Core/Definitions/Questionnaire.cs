using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace Survey.Core.Definitions;

/// <summary>A questionnaire as defined by a JSON file in questionnaires/ (see docs/questionnaire-format.md).</summary>
public sealed record Questionnaire
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }
    public required string Id { get; init; }
    public required int Version { get; init; }
    public required string Title { get; init; }
    public string? Intro { get; init; }
    public string? Description { get; init; }

    /// <summary>false: shown to organisers, but the form and the API refuse new responses.</summary>
    /// <remarks>
    /// <c>set</c>, not <c>init</c>, here and on every property whose default is not its type's: compile-time JSON
    /// metadata (<see cref="Questionnaires.QuestionnaireJsonContext"/>) gives an init-only property missing from the
    /// file its type's default, not the initializer's (dotnet/runtime#84484).
    /// </remarks>
    public bool Open { get; set; } = true;

    /// <summary>"open" (default): anyone with the link; "codes": each response needs an unused invitation code.</summary>
    public QuestionnaireAccess Access { get; set; } = QuestionnaireAccess.Open;

    /// <summary>Responses are taken from this moment on (null: no start). Without an offset in the file: Beijing time.</summary>
    [JsonConverter(typeof(BeijingTimeJsonConverter))]
    public DateTimeOffset? OpensAt { get; init; }

    /// <summary>Responses are refused from this moment on (null: no end).</summary>
    [JsonConverter(typeof(BeijingTimeJsonConverter))]
    public DateTimeOffset? ClosesAt { get; init; }

    public required IReadOnlyList<Question> Questions { get; init; }

    /// <summary>Evaluation rounds (waves); null: calendar quarters.</summary>
    public QuestionnaireRounds? Rounds { get; init; }

    /// <summary>Which options count as satisfied or excluded; null: today's midpoint rule.</summary>
    public ScoringProfile? Scoring { get; init; }

    /// <summary>The three-step evaluation: organisations and weights; null: none configured.</summary>
    public EvaluationSettings? Evaluation { get; init; }

    /// <summary>SHA-256 (lower-case hex) of the file's text as UTF-8, set by the loader: the audit log records a change of it.</summary>
    [JsonIgnore]
    public string ContentHash { get; init; } = "";

    /// <summary>Has satisfaction items (questions whose options carry scores).</summary>
    [JsonIgnore]
    public bool HasScoredItems => Questions.Any(q => q.IsScored);

    /// <summary>Whether responses are taken at <paramref name="now"/>: opensAt ≤ now &lt; closesAt, and open.</summary>
    public CollectionState StateAt(DateTimeOffset now) =>
        !Open ? CollectionState.Closed
        : OpensAt is { } opens && now < opens ? CollectionState.NotYetOpen
        : ClosesAt is { } closes && now >= closes ? CollectionState.Ended
        : CollectionState.Collecting;

    /// <summary>A loop rather than LINQ: the validator calls this for every answer of every submission (and the import for millions).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Question? FindQuestion(string questionId)
    {
        var questions = Questions;
        for (var i = 0; i < questions.Count; i++)
            if (questions[i].Id == questionId) return questions[i];
        return null;
    }
}
