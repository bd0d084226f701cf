using Survey.Analysis.Satisfaction;
using Survey.Analysis.Statistics;

namespace Survey.Analysis.Evaluation;

/// <summary>The composite of the three-step evaluation for one organisation and round.</summary>
public static class ThreeStepComposite
{
    /// <summary>
    /// composite = w_r·x̄ + w_v·review + w_s·self, where x̄ is the residents' satisfaction index (the mean of each
    /// respondent's composite score). The entered review and self scores are treated as exact, so the composite's
    /// interval carries only the residents' uncertainty: it is the residents' t interval scaled by w_r and shifted,
    /// i.e. the t interval of the per-respondent values w_r·x + c (c = w_v·review + w_s·self). The returned moments
    /// are those values' moments, so Welch tests between organisations apply to composites unchanged.
    /// </summary>
    public static ScoreMoments Moments(ScoreMoments residents, double review, double self, EvaluationWeights weights)
    {
        if (review is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(review), review, "Scores are 0–100.");
        if (self is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(self), self, "Scores are 0–100.");
        double w = weights.Residents, c = weights.Review * review + weights.Self * self;
        // Σ(wx + c) = wΣx + nc; Σ(wx + c)² = w²Σx² + 2wcΣx + nc².
        return new ScoreMoments(residents.N, w * residents.Sum + residents.N * c,
            w * w * residents.SumOfSquares + 2 * w * c * residents.Sum + residents.N * c * c);
    }

    public static SatisfactionIndex Compute(ScoreMoments residents, double review, double self, EvaluationWeights weights) =>
        SatisfactionIndices.Composite(Moments(residents, review, self, weights));
}
