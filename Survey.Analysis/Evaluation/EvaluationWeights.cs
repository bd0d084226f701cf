namespace Survey.Analysis.Evaluation;

/// <summary>
/// Weights of the three-step evaluation (党员自评、群众测评、组织考评): residents' assessment, the higher
/// organisation's review and the self-assessment. The questionnaire loader checks that they sum to 1 and that the residents weigh most ("加大群众评价权重").
/// </summary>
public sealed record EvaluationWeights(double Residents, double Review, double Self)
{
    public static readonly EvaluationWeights Default = new(0.5, 0.3, 0.2);
}
