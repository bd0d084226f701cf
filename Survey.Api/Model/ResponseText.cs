namespace Survey.Api.Model;

/// <summary>Words the respondent wrote: the answer to a text question (OptionId null) or an "other" option's text.</summary>
public sealed class ResponseText
{
    public long Id { get; set; }
    public Guid ResponseId { get; set; }
    public required string QuestionnaireId { get; set; }
    public required string QuestionId { get; set; }
    public string? OptionId { get; set; }

    /// <summary>Stored verbatim; escaped wherever it is shown or exported.</summary>
    public required string Text { get; set; }
}
