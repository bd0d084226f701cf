namespace Survey.Analysis.Integrity;

/// <summary>
/// Rules that flag groups of responses for an organiser to look at (never to drop silently). Pure: rows come in as
/// columns (sequence number, submission minute, a fingerprint of the whole answer, the straight-lined option).
/// Submission times are stored rounded down to the minute, so every rule works in whole minutes.
/// <list type="bullet">
/// <item><b>Burst</b> (<see cref="Bursts"/>): a minute with more than max(<see cref="BurstFloor"/>,
/// <see cref="BurstFactor"/> × the median per-minute count of the previous <see cref="BaselineMinutes"/> active minutes,
/// i.e. minutes with at least one submission) submissions. Active minutes only, so a quiet night does not make the
/// morning look like a burst; with no earlier activity the baseline is 0 and the floor applies.</item>
/// <item><b>Identical</b> (<see cref="Identical"/>): at least <see cref="IdenticalMinimum"/> responses with the same
/// complete answer (every choice and every text) submitted within <see cref="IdenticalWindowMinutes"/> minutes of the
/// first of them. Windows are laid from the earliest response of that answer: each starts at the first response not
/// yet in a window.</item>
/// <item><b>Straight-lining</b> (<see cref="StraightOption"/>, <see cref="StraightLines"/>): every scored item answered,
/// all with the same option (by position), when the questionnaire has at least <see cref="StraightMinimumItems"/>
/// scored items; one group per option.</item>
/// </list>
/// </summary>
public static class ResponseFlags
{
    public const string BurstRule = "burst";
    public const string IdenticalRule = "identical";
    public const string StraightLineRule = "straight-line";

    public const int BurstFloor = 10;
    public const int BurstFactor = 5;
    public const int BaselineMinutes = 60;
    public const int IdenticalMinimum = 3;
    public const int IdenticalWindowMinutes = 10;
    public const int StraightMinimumItems = 5;

    /// <summary>Minutes flagged as bursts, each with its responses in row order (key: <c>burst:&lt;minute&gt;</c>).</summary>
    /// <remarks>
    /// Runs on every stored response each time one arrives (the dashboard shows the flags), so it sorts one copy of
    /// the minutes (mostly in order already) instead of building a list per minute, and keeps the baseline window
    /// sorted instead of sorting it again for every minute.
    /// </remarks>
    public static IReadOnlyList<FlagGroup> Bursts(IReadOnlyList<long> seqs, IReadOnlyList<int> minutes)
    {
        var sorted = minutes.ToArray();
        Array.Sort(sorted);
        var flagged = new List<int>();
        var window = new BaselineWindow();
        for (var start = 0; start < sorted.Length;)
        {
            var end = start + 1;
            while (end < sorted.Length && sorted[end] == sorted[start]) end++;
            var count = end - start;
            if (count > Math.Max(BurstFloor, BurstFactor * window.Median)) flagged.Add(sorted[start]);
            window.Add(count);
            start = end;
        }
        if (flagged.Count == 0) return [];
        var members = flagged.ToDictionary(minute => minute, _ => new List<long>());
        for (var i = 0; i < seqs.Count; i++)
            if (members.TryGetValue(minutes[i], out var list)) list.Add(seqs[i]);
        return flagged.Select(minute => new FlagGroup(BurstRule, $"{BurstRule}:{minute}", members[minute], minute, minute)).ToList();
    }

    /// <summary>The counts of the last <see cref="BaselineMinutes"/> active minutes, kept in arrival order and in sorted order.</summary>
    private sealed class BaselineWindow
    {
        private readonly Queue<int> arrival = new();
        private readonly List<int> sorted = [];

        public double Median => MedianOfSorted(sorted);

        public void Add(int count)
        {
            arrival.Enqueue(count);
            var at = sorted.BinarySearch(count);
            sorted.Insert(at < 0 ? ~at : at, count);
            if (arrival.Count <= BaselineMinutes) return;
            sorted.RemoveAt(sorted.BinarySearch(arrival.Dequeue()));
        }
    }

    /// <summary>The median of the counts (mean of the middle two for an even number; 0 when none).</summary>
    public static double Median(IEnumerable<int> counts) => MedianOfSorted(counts.Order().ToArray());

    private static double MedianOfSorted(IReadOnlyList<int> sorted)
    {
        if (sorted.Count == 0) return 0;
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    /// <summary>
    /// Groups of identical answers close in time (key: <c>identical:&lt;answer fingerprint, hex&gt;:&lt;first minute&gt;</c>).
    /// <paramref name="answers"/>: per row a fingerprint of the complete answer; equal fingerprints mean equal answers
    /// (the caller makes it so, e.g. a 64-bit hash of every stored mask and text number).
    /// </summary>
    /// <remarks>
    /// Most answers of a real survey (and of any survey with a text) occur once: a sorted copy of the fingerprints
    /// finds those occurring at least <see cref="IdenticalMinimum"/> times, and only their rows are grouped, instead of
    /// a list for every distinct answer (a million lists at a million responses).
    /// </remarks>
    public static IReadOnlyList<FlagGroup> Identical(IReadOnlyList<long> seqs, IReadOnlyList<int> minutes, IReadOnlyList<ulong> answers)
    {
        var sorted = answers.ToArray();
        Array.Sort(sorted);
        var repeated = new HashSet<ulong>();
        for (var start = 0; start < sorted.Length;)
        {
            var end = start + 1;
            while (end < sorted.Length && sorted[end] == sorted[start]) end++;
            if (end - start >= IdenticalMinimum) repeated.Add(sorted[start]);
            start = end;
        }
        if (repeated.Count == 0) return [];

        var groups = new List<FlagGroup>();
        var byAnswer = new Dictionary<ulong, List<int>>();
        for (var i = 0; i < seqs.Count; i++)
        {
            if (!repeated.Contains(answers[i])) continue;
            if (!byAnswer.TryGetValue(answers[i], out var rows)) byAnswer[answers[i]] = rows = [];
            rows.Add(i);
        }
        foreach (var (answer, rows) in byAnswer)
        {
            rows.Sort((a, b) => minutes[a] != minutes[b] ? minutes[a].CompareTo(minutes[b]) : seqs[a].CompareTo(seqs[b]));
            for (var start = 0; start < rows.Count;)
            {
                var end = start;
                while (end < rows.Count && minutes[rows[end]] < minutes[rows[start]] + IdenticalWindowMinutes) end++;
                if (end - start >= IdenticalMinimum)
                {
                    var members = rows.GetRange(start, end - start);
                    groups.Add(new FlagGroup(IdenticalRule, $"{IdenticalRule}:{answer:x16}:{minutes[members[0]]}",
                        members.Select(r => seqs[r]).ToList(), minutes[members[0]], minutes[members[^1]]));
                }
                start = end;
            }
        }
        return groups.OrderBy(g => g.FirstMinute).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The option position every scored item was answered with, or -1: when there are fewer than
    /// <see cref="StraightMinimumItems"/> items, an item is unanswered (-1) or two items differ.
    /// </summary>
    public static int StraightOption(ReadOnlySpan<int> choices)
    {
        if (choices.Length < StraightMinimumItems || choices[0] < 0) return -1;
        foreach (var choice in choices)
            if (choice != choices[0]) return -1;
        return choices[0];
    }

    /// <summary>One group per option position that responses straight-lined (key: <c>straight-line:&lt;option&gt;</c>); -1 rows are not flagged.</summary>
    public static IReadOnlyList<FlagGroup> StraightLines(IReadOnlyList<long> seqs, IReadOnlyList<int> minutes, IReadOnlyList<int> straightOptions)
    {
        var byOption = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < seqs.Count; i++)
        {
            if (straightOptions[i] < 0) continue;
            if (!byOption.TryGetValue(straightOptions[i], out var rows)) byOption[straightOptions[i]] = rows = [];
            rows.Add(i);
        }
        return byOption.Select(o => new FlagGroup(StraightLineRule, $"{StraightLineRule}:{o.Key}", o.Value.Select(r => seqs[r]).ToList(),
            o.Value.Min(r => minutes[r]), o.Value.Max(r => minutes[r]), o.Key)).ToList();
    }
}
