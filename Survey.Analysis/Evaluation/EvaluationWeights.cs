namespace Survey.Analysis.Evaluation;

/// <summary>
/// Weights of the three-step evaluation (党员自评、群众测评、组织考评): residents' assessment, the higher
/// organisation's review and the self-assessment. They sum to 1 and the residents weigh most ("加大群众评价权重").
/// </summary>
public sealed record EvaluationWeights(double Residents, double Review, double Self)
{
    public static readonly EvaluationWeights Default = new(0.5, 0.3, 0.2);

    /// <summary>The rule a questionnaire's weights must meet, or null when they meet it (message in Chinese).</summary>
    public string? Violation()
    {
        if (Residents < 0 || Review < 0 || Self < 0) return "测评权重不能为负数";
        if (Math.Abs(Residents + Review + Self - 1) > 1e-9) return $"测评权重之和必须为 1（现为 {Residents + Review + Self:0.###}）";
        if (Residents <= Review || Residents <= Self) return "群众测评的权重必须最大（加大群众评价权重）";
        return null;
    }
}
