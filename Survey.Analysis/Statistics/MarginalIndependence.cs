using MathNet.Numerics.LinearAlgebra;
using Survey.Analysis.Wording;

namespace Survey.Analysis.Statistics;

/// <summary>
/// Rao-Scott tests of marginal independence between a single-response variable (levels i = 1..r) and a
/// multiple-response variable (items j = 1..c): Bilder &amp; Loughin (2004), "Testing for marginal independence
/// between two categorical variables with multiple responses", Biometrics 60:241–248, Appendix A; computed as
/// R package MRCV's <c>MI.test(type = "rs2")</c> (function MMI.test in R/BLfour.R).
/// </summary>
public static class MarginalIndependence
{
    /// <summary>MRCV adds this to zero cells of each item's r×2 table before its chi-square (check.zero).</summary>
    private const double ZeroCellConstant = 0.5;

    /// <param name="itemCount">Number of items J of the multiple-response variable.</param>
    /// <param name="patternsByLevel">Per level of the single-response variable: bit mask (bit j = item j selected) → respondents.</param>
    public static MarginalIndependenceResult Compute(
        int itemCount,
        IReadOnlyList<IReadOnlyDictionary<long, long>> patternsByLevel)
    {
        foreach (var patterns in patternsByLevel) SelectionPatterns.Validate(itemCount, patterns, nameof(patternsByLevel));

        // Levels nobody is in are not levels of the data (MRCV counts the levels present).
        var levels = patternsByLevel.Where(p => p.Values.Sum() > 0).ToList();
        int r = levels.Count;
        long[] levelSizes = levels.Select(p => p.Values.Sum()).ToArray();
        long[][] selectedByLevel = levels.Select(p => SelectionPatterns.ItemTotals(itemCount, p)).ToArray();
        long n = levelSizes.Sum();

        var warnings = new List<string>();
        if (r < 2)
        {
            warnings.Add(Labels.NeedsTwoLevels);
            return new MarginalIndependenceResult(null, null, null,
                Enumerable.Range(0, itemCount).Select(j => new ItemChiSquare(j, null, 0, null, null)).ToList(), null, warnings);
        }

        // An item selected by nobody or everybody has an r×1 table: no chi-square (MRCV returns NA for it).
        var testedItems = Enumerable.Range(0, itemCount)
            .Where(j => { long s = selectedByLevel.Sum(l => l[j]); return s > 0 && s < n; })
            .ToList();
        if (testedItems.Count < itemCount)
            warnings.Add(Labels.ItemsLeftOut(itemCount - testedItems.Count));

        var itemStatistics = new Dictionary<int, double>();
        foreach (int j in testedItems)
            itemStatistics[j] = ItemStatistic(levelSizes, selectedByLevel.Select(l => l[j]).ToArray());

        int df = r - 1;
        int c = testedItems.Count;
        var items = Enumerable.Range(0, itemCount).Select(j =>
        {
            if (!itemStatistics.TryGetValue(j, out double x)) return new ItemChiSquare(j, null, df, null, null);
            double p = ChiSquareDistribution.UpperTail(x, df);
            return new ItemChiSquare(j, x, df, p, Math.Min(1, p * c));
        }).ToList();
        if (c == 0)
            return new MarginalIndependenceResult(null, null, null, items, null, warnings);

        double sumOfItemChiSquares = itemStatistics.Values.Sum();
        var (traceM, traceM2) = CovarianceTraces(levels, levelSizes, n, testedItems);
        if (!(traceM2 > 0) || !(traceM > 0))
        {
            // Every level answered with a single pattern: no sampling variance to adjust by.
            warnings.Add(Labels.AdjustmentUndefined);
            return new MarginalIndependenceResult(sumOfItemChiSquares, null, null, items,
                Math.Min(1, items.Where(i => i.P.HasValue).Min(i => i.P!.Value) * c), warnings);
        }

        // Second order (Bilder & Loughin 2004 eq. 6, as coded in MRCV): X²_S · (r−1)c / Σλ², df = (r−1)²c² / Σλ²,
        // λ the eigenvalues of D⁻¹HGVG'H'; Σλ² = tr(M²) because those eigenvalues are real.
        double rc = (double)(r - 1) * c;
        var secondOrder = new RaoScottStatistic(sumOfItemChiSquares * rc / traceM2, rc * rc / traceM2,
            ChiSquareDistribution.UpperTail(sumOfItemChiSquares * rc / traceM2, rc * rc / traceM2));
        // First order: divide by the mean eigenvalue λ̄ = tr(M) / ((r−1)c), df = (r−1)c.
        double meanEigenvalue = traceM / rc;
        var firstOrder = new RaoScottStatistic(sumOfItemChiSquares / meanEigenvalue, rc,
            ChiSquareDistribution.UpperTail(sumOfItemChiSquares / meanEigenvalue, rc));

        double bonferroniP = Math.Min(1, items.Where(i => i.P.HasValue).Min(i => i.P!.Value) * c);
        return new MarginalIndependenceResult(sumOfItemChiSquares, secondOrder, firstOrder, items, bonferroniP, warnings);
    }

    /// <summary>Pearson X² of one item's r×2 table (selected, not selected) with MRCV's 0.5 added to zero cells.</summary>
    private static double ItemStatistic(long[] levelSizes, long[] selected)
    {
        int r = levelSizes.Length;
        var table = new double[r, 2];
        for (int i = 0; i < r; i++)
        {
            table[i, 0] = selected[i] == 0 ? ZeroCellConstant : selected[i];
            table[i, 1] = levelSizes[i] - selected[i] == 0 ? ZeroCellConstant : levelSizes[i] - selected[i];
        }
        return PearsonChiSquare.Statistic(table);
    }

    /// <summary>
    /// tr(M) and tr(M²) for M = D⁻¹ H Σ H' (Bilder &amp; Loughin 2004, Appendix A), with
    /// Σ = blockdiag_i(S_i / a_i), S_i = within-level covariance of the item indicators (= G̃ V_i G̃' in MRCV,
    /// computed from the observed patterns instead of all 2^c), a_i = n_i/n;
    /// H = I_rc − (J_rr A) ⊗ I_c, i.e. (Hv)_i = v_i − Σ_k a_k v_k;
    /// D = diag(n/n_i) ⊗ diag(π̂_·j(1 − π̂_·j)), π̂_·j = overall share selecting item j.
    /// </summary>
    private static (double Trace, double TraceOfSquare) CovarianceTraces(
        IReadOnlyList<IReadOnlyDictionary<long, long>> levels, long[] levelSizes, long n, IReadOnlyList<int> items)
    {
        int r = levels.Count, c = items.Count, size = r * c;
        var sigma = Matrix<double>.Build.Dense(size, size);
        var overall = new double[c];
        for (int i = 0; i < r; i++)
        {
            double ni = levelSizes[i], ai = ni / n;
            var share = new double[c];
            var jointShare = new double[c, c];
            foreach (var (pattern, count) in levels[i])
                for (int j = 0; j < c; j++)
                {
                    if (!SelectionPatterns.Has(pattern, items[j])) continue;
                    share[j] += count / ni;
                    for (int k = 0; k < c; k++)
                        if (SelectionPatterns.Has(pattern, items[k])) jointShare[j, k] += count / ni;
                }
            for (int j = 0; j < c; j++)
            {
                overall[j] += share[j] * ni / n;
                for (int k = 0; k < c; k++)
                    sigma[i * c + j, i * c + k] = (jointShare[j, k] - share[j] * share[k]) / ai;
            }
        }

        var h = Matrix<double>.Build.DenseIdentity(size);
        for (int i = 0; i < r; i++)
            for (int k = 0; k < r; k++)
                for (int j = 0; j < c; j++)
                    h[i * c + j, k * c + j] -= (double)levelSizes[k] / n;

        var dInverse = Matrix<double>.Build.Diagonal(size, size,
            index => (double)levelSizes[index / c] / n / (overall[index % c] * (1 - overall[index % c])));

        var m = dInverse * h * sigma * h.Transpose();
        return (m.Trace(), (m * m).Trace());
    }
}
