namespace Survey.Api.Model;

/// <summary>
/// The three-step evaluation (党员自评、群众测评、组织考评): <see cref="Organisations"/> is the single-choice question whose
/// options are the organisations evaluated (e.g. community); the weights combine the residents' index with the entered
/// review and self scores. Defaults 0.5 / 0.3 / 0.2; they must sum to 1 with the residents weighing most.
/// </summary>
public sealed record EvaluationSettings
{
    public string? Organisations { get; init; }
    public double Residents { get; init; } = 0.5;
    public double Review { get; init; } = 0.3;
    public double Self { get; init; } = 0.2;
}
