namespace Survey.Api.Model;

/// <summary>
/// One submitted questionnaire. Anonymous by design: no IP address, user agent or account is stored, and the
/// submission time is rounded down to the minute (enough for date filters and responses-per-day).
/// </summary>
public sealed class SurveyResponse
{
    /// <summary>Random (version 4), so ids reveal neither order nor volume.</summary>
    public Guid Id { get; set; }
    public required string QuestionnaireId { get; set; }
    public int QuestionnaireVersion { get; set; }
    public DateTime SubmittedAt { get; set; }
    public List<ResponseAnswer> Answers { get; set; } = [];
    public List<ResponseText> Texts { get; set; } = [];
}
