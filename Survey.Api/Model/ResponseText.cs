namespace Survey.Api.Model;

/// <summary>Words the respondent wrote: the answer to a text question (OptionId null) or an "other" option's text.</summary>
public sealed class ResponseText
{
    public long Id { get; set; }
    public Guid ResponseId { get; set; }
    public required string QuestionnaireId { get; set; }
    public required string QuestionId { get; set; }
    public string? OptionId { get; set; }

    /// <summary>
    /// The number of its response (<see cref="SurveyResponse.Seq"/>), written with it, so that reading every text at
    /// start-up needs no join with the responses (ResponseSnapshots). Null only until an old-format response is
    /// converted, and for texts written by a version before this column.
    /// </summary>
    public long? Seq { get; set; }

    /// <summary>Stored verbatim; escaped wherever it is shown or exported.</summary>
    public required string Text { get; set; }
}
