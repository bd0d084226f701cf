namespace Survey.Api.Results;

/// <summary>
/// Which segments to withhold: every non-empty segment smaller than the threshold, plus (complementary suppression)
/// the next smallest ones until at least two are withheld and together hold at least threshold respondents, so a
/// withheld segment's figures cannot be recovered by subtracting the shown segments from the overall figures.
/// Empty segments have nothing to hide and are never used as complements.
/// </summary>
public static class SegmentSuppression
{
    public static HashSet<string> Suppressed(IReadOnlyDictionary<string, long> sizes, int threshold)
    {
        var nonEmpty = sizes.Where(s => s.Value > 0).OrderBy(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();
        var suppressed = nonEmpty.Where(s => s.Value < threshold).Select(s => s.Key).ToHashSet();
        if (suppressed.Count == 0) return suppressed;
        foreach (var (segment, _) in nonEmpty)
        {
            if (suppressed.Count >= 2 && nonEmpty.Where(s => suppressed.Contains(s.Key)).Sum(s => s.Value) >= threshold) break;
            suppressed.Add(segment);
        }
        return suppressed;
    }
}
