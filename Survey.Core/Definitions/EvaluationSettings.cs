namespace Survey.Core.Definitions;

/// <summary>
/// The three-step evaluation (党员自评、群众测评、组织考评): <see cref="Organisations"/> is the single-choice question whose
/// options are the organisations evaluated (e.g. community); the weights combine the residents' index with the entered
/// review and self scores. Defaults 0.5 / 0.3 / 0.2; they must sum to 1 with the residents weighing most.
/// </summary>
public sealed record EvaluationSettings
{
    public string? Organisations { get; init; }
    // set, not init: see Questionnaire.Open.
    public double Residents { get; set; } = 0.5;
    public double Review { get; set; } = 0.3;
    public double Self { get; set; } = 0.2;

    /// <summary>The rule the weights break (for the loader's error), or null when they meet every rule.</summary>
    public string? Violation()
    {
        static string N(double x) => x.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        if (Residents < 0 || Review < 0 || Self < 0) return "weights must not be negative";
        if (Math.Abs(Residents + Review + Self - 1) > 1e-9) return $"weights must sum to 1 (residents + review + self = {N(Residents + Review + Self)})";
        if (Residents <= Review || Residents <= Self)
            return $"the residents' assessment must weigh most (加大群众评价权重): residents {N(Residents)} is not above review {N(Review)} and self {N(Self)}";
        return null;
    }
}
