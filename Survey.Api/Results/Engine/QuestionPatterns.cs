using System.Numerics;

namespace Survey.Api.Results.Engine;

/// <summary>
/// n(p, j): respondents with answer pattern p (bit i = the question's i-th option; 0 = not answered) at break-down
/// level j (0 = no answer to the break-down question, j ≥ 1 its (j−1)-th option; one level when there is no
/// break-down). Every figure of the question is a sum over these (docs: analysis-engine.md).
/// </summary>
public sealed class QuestionPatterns(Question question, int levelCount, Dictionary<long, long[]> counts)
{
    public Question Question { get; } = question;
    public int LevelCount { get; } = levelCount;
    public IReadOnlyDictionary<long, long[]> Counts { get; } = counts;

    /// <summary>n(p) = Σ_j n(p, j).</summary>
    public long Total(long pattern) => Counts.TryGetValue(pattern, out var levels) ? levels.Sum() : 0;

    /// <summary>Σ_{p ≠ 0} n(p), or n(p, j) at one level.</summary>
    public long Answered(int? level = null) => Counts.Where(c => c.Key != 0).Sum(c => level is { } j ? c.Value[j] : c.Value.Sum());

    /// <summary>c_i = Σ_{p ∋ i} n(p), or at one level.</summary>
    public long OptionCount(int option, int? level = null) =>
        Counts.Where(c => (c.Key & 1L << option) != 0).Sum(c => level is { } j ? c.Value[j] : c.Value.Sum());

    /// <summary>Σ_{p ∩ mask ≠ ∅} n(p): respondents who chose any of the options in <paramref name="options"/>.</summary>
    public long AnyOf(long options) => Counts.Where(c => (c.Key & options) != 0).Sum(c => c.Value.Sum());

    /// <summary>Σ_p popcount(p)·n(p): every selection made.</summary>
    public long Mentions => Counts.Sum(c => BitOperations.PopCount((ulong)c.Key) * c.Value.Sum());

    /// <summary>Answered patterns and their counts, overall or at one level (what Cochran's Q and Rao-Scott take).</summary>
    public IReadOnlyDictionary<long, long> Patterns(int? level = null) => Counts
        .Where(c => c.Key != 0)
        .Select(c => (c.Key, Count: level is { } j ? c.Value[j] : c.Value.Sum()))
        .Where(c => c.Count > 0)
        .ToDictionary(c => c.Key, c => c.Count);
}
