namespace Survey.Api.Model;

/// <summary>One selected option: the unit that SQL GROUP BY counts.</summary>
public sealed class ResponseAnswer
{
    public long Id { get; set; }
    public Guid ResponseId { get; set; }

    /// <summary>Copied from the response so tallies group on one indexed table without a join.</summary>
    public required string QuestionnaireId { get; set; }
    public required string QuestionId { get; set; }
    public required string OptionId { get; set; }
}
