namespace Survey.Api.Model;

/// <summary>
/// One submitted questionnaire: one row. Anonymous by design: no IP address, user agent or account is stored, and the
/// submission time is rounded down to the minute (enough for date filters and responses-per-day).
/// </summary>
public sealed class SurveyResponse
{
    /// <summary>Random (version 4), so ids reveal neither order nor volume.</summary>
    public Guid Id { get; set; }
    public required string QuestionnaireId { get; set; }
    public int QuestionnaireVersion { get; set; }
    public DateTime SubmittedAt { get; set; }

    /// <summary>Web (the resident's own submission), paper (data entry) or import (<c>script/import</c>).</summary>
    public ResponseMode Mode { get; set; }

    /// <summary>
    /// Unique per questionnaire (<see cref="Infrastructure.ResponseWriter"/>: on SQLite 1, 2, 3… in commit order, on
    /// PostgreSQL from a sequence); what set-asides name a response by. Null only for a row of the old format not yet
    /// converted.
    /// </summary>
    public long? Seq { get; set; }

    /// <summary>Every choice answer, encoded by <see cref="Survey.Core.Patterns.AnswerLayout"/> (see <see cref="Survey.Core.Patterns.PatternCodec"/>).</summary>
    public byte[]? Patterns { get; set; }

    public List<ResponseText> Texts { get; set; } = [];
}
