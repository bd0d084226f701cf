namespace Survey.Api.Model;

/// <summary>
/// One change to the three-step evaluation of an organisation in a round: the self-assessment and the higher
/// organisation's review (0–100, null = not entered), who entered them and when (UTC). Rows are only ever added;
/// the latest row per questionnaire, round and organisation is the current value, and the others are its history.
/// </summary>
public sealed class AssessmentEntry
{
    public long Id { get; set; }
    public required string QuestionnaireId { get; set; }
    public required string RoundId { get; set; }
    public required string OrganisationId { get; set; }
    public double? Self { get; set; }
    public double? Review { get; set; }
    public required string EnteredBy { get; set; }
    public DateTime EnteredAt { get; set; }
}
