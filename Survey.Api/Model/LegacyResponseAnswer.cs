namespace Survey.Api.Model;

/// <summary>
/// The old storage: one row per chosen option (<c>response_answers</c>). Rows found here at start-up are converted
/// into <see cref="SurveyResponse.Patterns"/> and deleted (<see cref="Infrastructure.LegacyAnswerConversion"/>);
/// nothing writes here any more.
/// </summary>
public sealed class LegacyResponseAnswer
{
    public long Id { get; set; }
    public Guid ResponseId { get; set; }
    public required string QuestionnaireId { get; set; }
    public required string QuestionId { get; set; }
    public required string OptionId { get; set; }
}
