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

    /// <summary>Minutes flagged as bursts, each with its responses (key: <c>burst:&lt;minute&gt;</c>).</summary>
    public static IReadOnlyList<FlagGroup> Bursts(IReadOnlyList<long> seqs, IReadOnlyList<int> minutes)
    {
        var byMinute = new SortedDictionary<int, List<long>>();
        for (var i = 0; i < seqs.Count; i++)
        {
            if (!byMinute.TryGetValue(minutes[i], out var list)) byMinute[minutes[i]] = list = [];
            list.Add(seqs[i]);
        }
        var groups = new List<FlagGroup>();
        var previous = new Queue<int>(); // counts of the last BaselineMinutes active minutes, oldest first
        foreach (var (minute, members) in byMinute)
        {
            var threshold = Math.Max(BurstFloor, BurstFactor * Median(previous));
            if (members.Count > threshold)
                groups.Add(new FlagGroup(BurstRule, $"{BurstRule}:{minute}", members, minute, minute));
            previous.Enqueue(members.Count);
            if (previous.Count > BaselineMinutes) previous.Dequeue();
        }
        return groups;
    }

    /// <summary>The median of the counts (mean of the middle two for an even number; 0 when none).</summary>
    public static double Median(IEnumerable<int> counts)
    {
        var sorted = counts.Order().ToArray();
        if (sorted.Length == 0) return 0;
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    /// <summary>
    /// Groups of identical answers close in time (key: <c>identical:&lt;answer fingerprint, hex&gt;:&lt;first minute&gt;</c>).
    /// <paramref name="answers"/>: per row a fingerprint of the complete answer; equal fingerprints mean equal answers
    /// (the caller makes it so, e.g. a 64-bit hash of every stored mask and text number).
    /// </summary>
    public static IReadOnlyList<FlagGroup> Identical(IReadOnlyList<long> seqs, IReadOnlyList<int> minutes, IReadOnlyList<ulong> answers)
    {
        var groups = new List<FlagGroup>();
        var byAnswer = new Dictionary<ulong, List<int>>();
        for (var i = 0; i < seqs.Count; i++)
        {
            if (!byAnswer.TryGetValue(answers[i], out var rows)) byAnswer[answers[i]] = rows = [];
            rows.Add(i);
        }
        foreach (var (answer, rows) in byAnswer)
        {
            if (rows.Count < IdenticalMinimum) continue;
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
