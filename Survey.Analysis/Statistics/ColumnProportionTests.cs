using MathNet.Numerics.Distributions;

namespace Survey.Analysis.Statistics;

/// <summary>
/// SPSS CTABLES-style column-proportion tests for one row: pairwise two-proportion z-tests (pooled SE),
/// Bonferroni-adjusted within the row. Columns are lettered A, B, C…; a column gets the letter of every
/// column whose proportion it is significantly greater than.
/// </summary>
public static class ColumnProportionTests
{
    /// <summary>
    /// z = (p₁ − p₂) / √(p̄(1 − p̄)(1/n₁ + 1/n₂)) with pooled p̄ = (x₁ + x₂)/(n₁ + n₂); two-sided p = 2(1 − Φ(|z|)),
    /// significant when p · m &lt; alpha, m = number of pairs compared in the row (Bonferroni). As in SPSS, a
    /// column whose base is 0 or whose proportion is 0 or 1 is not compared (and not counted in m).
    /// </summary>
    /// <param name="counts">Count in the row, per column.</param>
    /// <param name="bases">Column bases (denominators), per column.</param>
    /// <param name="alpha">Significance level before the Bonferroni adjustment.</param>
    /// <returns>Per column, the letters of the columns it is significantly greater than.</returns>
    public static IReadOnlyList<IReadOnlyList<string>> Compute(
        IReadOnlyList<long> counts,
        IReadOnlyList<long> bases,
        double alpha = 0.05)
    {
        if (counts.Count != bases.Count) throw new ArgumentException("One base per column is required.", nameof(bases));
        var letters = Enumerable.Range(0, counts.Count).Select(_ => new List<string>()).ToList();
        var compared = Enumerable.Range(0, counts.Count)
            .Where(c => bases[c] > 0 && counts[c] > 0 && counts[c] < bases[c])
            .ToList();
        int pairCount = compared.Count * (compared.Count - 1) / 2;

        foreach (int a in compared)
            foreach (int b in compared)
            {
                if (b <= a) continue;
                double pa = (double)counts[a] / bases[a], pb = (double)counts[b] / bases[b];
                double pooled = (double)(counts[a] + counts[b]) / (bases[a] + bases[b]);
                double standardError = Math.Sqrt(pooled * (1 - pooled) * (1.0 / bases[a] + 1.0 / bases[b]));
                double z = (pa - pb) / standardError;
                double p = 2 * (1 - Normal.CDF(0, 1, Math.Abs(z)));
                if (p * pairCount >= alpha) continue;
                if (pa > pb) letters[a].Add(Letter(b));
                else letters[b].Add(Letter(a));
            }

        return letters.Select(l => (IReadOnlyList<string>)l.OrderBy(x => x.Length).ThenBy(x => x, StringComparer.Ordinal).ToList()).ToList();
    }

    /// <summary>A, B, …, Z, AA, AB, … for a 0-based column index.</summary>
    public static string Letter(int columnIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(columnIndex);
        string letter = "";
        for (int n = columnIndex + 1; n > 0; n = (n - 1) / 26)
            letter = (char)('A' + (n - 1) % 26) + letter;
        return letter;
    }
}
