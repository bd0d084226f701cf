namespace Survey.Tests.Analysis;

/// <summary>
/// farmer1 from R package MRCV (Bilder, Loughin &amp; Koziol), copied from /work/shared/fixtures/farmer1.tsv
/// (identical to MRCV's data/farmer1.txt.gz): Ed (education, levels 1–5) × Y1–Y5 (sources of veterinary
/// information, 0/1), n = 262.
/// </summary>
public static class Farmer1
{
    public const int Levels = 5, Items = 5;

    /// <summary>Each farmer: [Ed, Y1, …, Y5].</summary>
    public static IReadOnlyList<int[]> Rows { get; } = File
        .ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "fixtures", "farmer1.tsv"))
        .Skip(1)
        .Where(l => l.Trim().Length > 0)
        .Select(l => l.Split('\t').Select(int.Parse).ToArray())
        .ToList();

    /// <summary>Bit mask of the items a farmer selected (bit j = Y(j+1)).</summary>
    public static long Pattern(int[] row) => Enumerable.Range(0, Items).Sum(j => row[j + 1] == 1 ? 1L << j : 0);

    /// <summary>Per education level (1..5 → index 0..4): pattern → farmers.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<long, long>> PatternsByLevel() => Enumerable.Range(1, Levels)
        .Select(level => (IReadOnlyDictionary<long, long>)Rows.Where(r => r[0] == level)
            .GroupBy(Pattern).ToDictionary(g => g.Key, g => (long)g.Count()))
        .ToList();
}
