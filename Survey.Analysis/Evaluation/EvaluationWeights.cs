namespace Survey.Analysis.Evaluation;

/// <summary>
/// Weights of the three-step evaluation (党员自评、群众测评、组织考评): residents' assessment, the higher
/// organisation's review and the self-assessment. They sum to 1 and the residents weigh most ("加大群众评价权重").
/// </summary>
public sealed record EvaluationWeights(double Residents, double Review, double Self)
{
    public static readonly EvaluationWeights Default = new(0.5, 0.3, 0.2);

    /// <summary>The rule the weights break (for the questionnaire loader's error), or null when they meet every rule.</summary>
    public string? Violation()
    {
        if (Residents < 0 || Review < 0 || Self < 0) return "weights must not be negative";
        double sum = Residents + Review + Self;
        if (Math.Abs(sum - 1) > 1e-9) return $"weights must sum to 1 (residents + review + self = {sum.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)})";
        if (Residents <= Review || Residents <= Self)
            return $"the residents' assessment must weigh most (加大群众评价权重): residents {Residents.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not above review {Review.ToString(System.Globalization.CultureInfo.InvariantCulture)} and self {Self.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return null;
    }
}
