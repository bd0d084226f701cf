namespace Survey.Api.Model;

/// <summary>The last sequence number given to a response of a questionnaire (see <see cref="SurveyResponse.Seq"/>).</summary>
public sealed class ResponseCounter
{
    public required string QuestionnaireId { get; set; }
    public long LastSeq { get; set; }
}
