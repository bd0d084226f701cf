using System.Buffers;
using System.Numerics;

namespace Survey.Api.Results.Engine;

/// <summary>
/// One pass over a questionnaire's <see cref="ResponseColumns"/>: select the rows that pass the filters (minute
/// range, where-masks), give each its break-down level, then count n(p, j) column by column (each stored mask read
/// once; a flat array indexed by mask × levels for up to <see cref="DenseWidth"/> bits), the composite-score moments
/// per level, the texts of the selected rows and the submission days.
/// </summary>
public static class PatternPass
{
    /// <summary>Widest stored mask counted in a flat array (2^16 × levels cells); wider masks use a dictionary.</summary>
    public const int DenseWidth = 16;

    /// <summary>Most distinct texts listed per key (most frequent first), so a results page stays small.</summary>
    public const int MaxTextsPerKey = 200;

    public static PatternCounts Run(ResponseColumns columns, PassRequest request)
    {
        var rowCount = columns.Count;
        var layout = columns.Layout;
        var rows = ArrayPool<int>.Shared.Rent(Math.Max(1, rowCount));
        var levels = request.By is null ? null : ArrayPool<byte>.Shared.Rent(Math.Max(1, rowCount));
        try
        {
            var selected = Select(columns, rowCount, request, rows);
            var selection = rows.AsSpan(0, selected);
            var levelCount = 1;
            if (request.By is { } by)
            {
                var slot = layout.Questions[by];
                levelCount = slot.Question.OptionList.Count + 1;
                var column = columns.Masks[by];
                for (var i = 0; i < selection.Length; i++)
                {
                    var mask = column.Get(selection[i]);
                    levels![i] = mask == 0 ? (byte)0 : (byte)(slot.OptionIndexOfBit(BitOperations.TrailingZeroCount(mask)) + 1);
                }
            }
            var levelSpan = levels is null ? ReadOnlySpan<byte>.Empty : levels.AsSpan(0, selected);

            var questions = new Dictionary<string, QuestionPatterns>();
            for (var q = 0; q < layout.Questions.Count; q++)
                if (request.Only is null || request.Only.Contains(q))
                    questions[layout.Questions[q].Question.Id] = CountQuestion(columns, q, selection, levelSpan, levelCount);

            var (byLevel, overall) = request.Composite ? Composite(columns, selection, levelSpan, levelCount) : ([], CompositeMoments.Zero);
            var texts = request.Texts ? CountTexts(columns, rowCount, selection) : new Dictionary<(string, string?), TextCounts>();
            var (first, last, days) = Activity(columns, selection);
            return new PatternCounts(selected, rowCount == 0 ? 0 : columns.Seq(rowCount - 1), questions, texts, byLevel, overall, first, last, days);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
            if (levels is not null) ArrayPool<byte>.Shared.Return(levels);
        }
    }

    private static int Select(ResponseColumns columns, int rowCount, PassRequest request, int[] rows)
    {
        var where = request.Where.Select(w => (Column: columns.Masks[w.Question], w.Bit)).ToArray();
        int from = request.FromMinute ?? int.MinValue, to = request.ToMinute ?? int.MaxValue;
        var filterTime = request.FromMinute is not null || request.ToMinute is not null;
        var selected = 0;
        for (var row = 0; row < rowCount; row++)
        {
            if (filterTime)
            {
                var minute = columns.Minute(row);
                if (minute < from || minute >= to) continue;
            }
            var keep = true;
            foreach (var (column, bit) in where)
                if ((column.Get(row) & bit) == 0) { keep = false; break; }
            if (keep) rows[selected++] = row;
        }
        return selected;
    }

    private static QuestionPatterns CountQuestion(ResponseColumns columns, int q, ReadOnlySpan<int> selection, ReadOnlySpan<byte> levels, int levelCount)
    {
        var slot = columns.Layout.Questions[q];
        var column = columns.Masks[q];
        var byPattern = new Dictionary<long, long[]>();
        void Add(ulong stored, int level, long count)
        {
            var pattern = slot.ToOptionOrder(stored);
            if (!byPattern.TryGetValue(pattern, out var perLevel)) byPattern[pattern] = perLevel = new long[levelCount];
            perLevel[level] += count;
        }

        if (column.Width <= DenseWidth)
        {
            var counts = new long[(1 << column.Width) * levelCount];
            column.CountDense(selection, levels, levelCount, counts);
            for (var cell = 0; cell < counts.Length; cell++)
                if (counts[cell] > 0) Add((ulong)(cell / levelCount), cell % levelCount, counts[cell]);
        }
        else
        {
            var counts = new Dictionary<(ulong, int), long>();
            for (var i = 0; i < selection.Length; i++)
            {
                var key = (column.Get(selection[i]), levels.IsEmpty ? 0 : levels[i]);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
            foreach (var ((stored, level), count) in counts) Add(stored, level, count);
        }
        return new QuestionPatterns(slot.Question, levelCount, byPattern);
    }

    /// <summary>
    /// Each selected respondent's composite score = Σ w·score / Σ w over the scored items they rated (不了解 has no
    /// score and is left out); its count, sum and sum of squares per level and overall.
    /// </summary>
    private static (CompositeMoments[] ByLevel, CompositeMoments Overall) Composite(ResponseColumns columns, ReadOnlySpan<int> selection, ReadOnlySpan<byte> levels, int levelCount)
    {
        var weighted = ArrayPool<double>.Shared.Rent(Math.Max(1, selection.Length));
        var weights = ArrayPool<double>.Shared.Rent(Math.Max(1, selection.Length));
        try
        {
            Array.Clear(weighted, 0, selection.Length);
            Array.Clear(weights, 0, selection.Length);
            var layout = columns.Layout;
            for (var q = 0; q < layout.Questions.Count; q++)
            {
                var slot = layout.Questions[q];
                if (!slot.Question.IsScored) continue;
                var scoreOfBit = new double[64];
                Array.Fill(scoreOfBit, double.NaN);
                for (var bit = 0; bit < 64; bit++)
                    if (slot.OptionIndexOfBit(bit) is var index and >= 0 && slot.Question.OptionList[index].Score is { } score) scoreOfBit[bit] = score;
                var weight = slot.Question.EffectiveWeight;
                var column = columns.Masks[q];
                for (var i = 0; i < selection.Length; i++)
                {
                    var mask = column.Get(selection[i]);
                    if (mask == 0) continue;
                    var score = scoreOfBit[BitOperations.TrailingZeroCount(mask)];
                    if (double.IsNaN(score)) continue;
                    weighted[i] += weight * score;
                    weights[i] += weight;
                }
            }
            var n = new long[levelCount];
            var sum = new double[levelCount];
            var squares = new double[levelCount];
            for (var i = 0; i < selection.Length; i++)
            {
                if (weights[i] <= 0) continue;
                var value = weighted[i] / weights[i];
                var level = levels.IsEmpty ? 0 : levels[i];
                n[level]++;
                sum[level] += value;
                squares[level] += value * value;
            }
            var byLevel = Enumerable.Range(0, levelCount).Select(j => new CompositeMoments(n[j], sum[j], squares[j])).ToArray();
            return (byLevel, new CompositeMoments(n.Sum(), sum.Sum(), squares.Sum()));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(weighted);
            ArrayPool<double>.Shared.Return(weights);
        }
    }

    private static Dictionary<(string, string?), TextCounts> CountTexts(ResponseColumns columns, int rowCount, ReadOnlySpan<int> selection)
    {
        var member = new ulong[(rowCount >> 6) + 1];
        foreach (var row in selection) member[row >> 6] |= 1UL << row;
        var result = new Dictionary<(string, string?), TextCounts>();
        foreach (var key in columns.TextKeys)
        {
            var (rows, numbers, count) = columns.Texts(key.Question, key.Option).Read();
            var byNumber = new Dictionary<int, long>();
            long writers = 0;
            for (var i = 0; i < count; i++)
            {
                var row = rows[i];
                if (row >= rowCount || (member[row >> 6] & 1UL << row) == 0) continue;
                writers++;
                byNumber[numbers[i]] = byNumber.GetValueOrDefault(numbers[i]) + 1;
            }
            var top = byNumber.Select(t => (Text: columns.Text(t.Key), Count: t.Value))
                .OrderByDescending(t => t.Count).ThenBy(t => t.Text, StringComparer.Ordinal).Take(MaxTextsPerKey).ToList();
            result[key] = new TextCounts(writers, top);
        }
        return result;
    }

    private static (DateTime? First, DateTime? Last, Dictionary<DateOnly, long> Days) Activity(ResponseColumns columns, ReadOnlySpan<int> selection)
    {
        if (selection.IsEmpty) return (null, null, []);
        int first = int.MaxValue, last = int.MinValue;
        var perDay = new Dictionary<int, long>();
        foreach (var row in selection)
        {
            var minute = columns.Minute(row);
            first = Math.Min(first, minute);
            last = Math.Max(last, minute);
            var day = minute / (24 * 60);
            perDay[day] = perDay.GetValueOrDefault(day) + 1;
        }
        return (ResponseColumns.TimeOf(first), ResponseColumns.TimeOf(last),
            perDay.ToDictionary(d => DateOnly.FromDateTime(ResponseColumns.TimeOf(d.Key * 24 * 60)), d => d.Value));
    }
}
