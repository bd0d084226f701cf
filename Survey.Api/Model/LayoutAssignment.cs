namespace Survey.Api.Model;

/// <summary>A row of <c>questionnaire_layout</c>: see <see cref="Survey.Core.Patterns.LayoutEntry"/>.</summary>
public sealed class LayoutAssignment
{
    public required string QuestionnaireId { get; set; }
    public required string QuestionId { get; set; }
    public required string OptionId { get; set; }
    public int Slot { get; set; }
    public int Bit { get; set; }
}
