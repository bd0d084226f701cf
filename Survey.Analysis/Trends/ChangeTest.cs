namespace Survey.Analysis.Trends;

/// <summary>
/// A two-sided test of the change from an earlier to a later round. <see cref="Difference"/> = later − earlier
/// (in the unit of the figure: a proportion for a rate, points for an index); <see cref="Statistic"/> is "z" or "t";
/// <see cref="DegreesOfFreedom"/> only for t.
/// </summary>
public sealed record ChangeTest(
    string Statistic,
    double Value,
    double? DegreesOfFreedom,
    double PValue,
    double Difference,
    ChangeDirection Direction)
{
    /// <summary>The significance level of every change label.</summary>
    public const double Alpha = 0.05;

    public string Label => ChangeLabels.Of(Direction);

    internal static ChangeTest Create(string statistic, double value, double? df, double p, double difference) =>
        new(statistic, value, df, p, difference,
            p >= Alpha ? ChangeDirection.NoSignificantChange
            : difference > 0 ? ChangeDirection.SignificantRise
            : ChangeDirection.SignificantFall);
}
