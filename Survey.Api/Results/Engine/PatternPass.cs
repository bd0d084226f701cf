using System.Numerics;
using Survey.Core.Patterns;

namespace Survey.Api.Results.Engine;

/// <summary>
/// One pass over a questionnaire's <see cref="ResponseColumns"/>: select the rows that pass the filters (minute
/// range, mode, where-masks) block by block (<see cref="BlockSize"/> rows), give each its break-down level, then count
/// n(p, j) column by column (each stored mask read
/// once; a flat array indexed by mask × levels for up to <see cref="DenseWidth"/> bits), the composite-score moments
/// per level, the texts of the selected rows and the submission days.
/// </summary>
public static class PatternPass
{
    /// <summary>Widest stored mask counted in a flat array (2^16 × levels cells); wider masks use a dictionary.</summary>
    public const int DenseWidth = 16;

    /// <summary>Most distinct texts listed per key (most frequent first), so a results page stays small.</summary>
    public const int MaxTextsPerKey = 200;

    /// <summary>Rows handled per block: the pass's working memory is fixed (a few hundred KB), whatever the number of responses.</summary>
    public const int BlockSize = ResponseColumns.ChunkSize;

    private const int MinutesPerDay = 24 * 60;

    /// <summary>Day 0 of the per-day counts: the minutes count from 00:00 UTC on this day, so Beijing day k is this + k.</summary>
    private static readonly DateOnly EpochDay = DateOnly.FromDateTime(ResponseColumns.Epoch);

    /// <param name="excludedRows">Rows set aside by an organiser (bit per row; null: none), skipped like filtered-out rows.</param>
    public static PatternCounts Run(ResponseColumns columns, PassRequest request, ulong[]? excludedRows = null)
    {
        var rowCount = columns.Count;
        var layout = columns.Layout;
        var block = new int[BlockSize];
        var blockLevels = request.By is null ? null : new byte[BlockSize];
        var levelCount = request.By is { } byIndex ? layout.Questions[byIndex].Question.OptionList.Count + 1 : 1;
        var counted = Enumerable.Range(0, layout.Questions.Count).Where(q => request.Only is null || request.Only.Contains(q)).ToList();
        var tallies = counted.Select(q => new QuestionTally(columns.Masks[q], levelCount)).ToList();
        var composite = request.Composite ? new CompositeTally(columns, levelCount) : null;
        var member = request.Texts ? new ulong[(rowCount >> 6) + 1] : null;
        int first = int.MaxValue, last = int.MinValue;
        var perDay = new Dictionary<int, long>();
        long selected = 0;

        for (var start = 0; start < rowCount; start += BlockSize)
        {
            var n = Select(columns, start, Math.Min(rowCount, start + BlockSize), request, block, excludedRows);
            var selection = block.AsSpan(0, n);
            var levels = ReadOnlySpan<byte>.Empty;
            if (request.By is { } by)
            {
                var slot = layout.Questions[by];
                var column = columns.Masks[by];
                for (var i = 0; i < n; i++)
                {
                    var mask = column.Get(selection[i]);
                    blockLevels![i] = mask == 0 ? (byte)0 : (byte)(slot.OptionIndexOfBit(BitOperations.TrailingZeroCount(mask)) + 1);
                }
                levels = blockLevels.AsSpan(0, n);
            }
            foreach (var tally in tallies) tally.Add(selection, levels);
            composite?.Add(selection, levels);
            // Rows come in sequence order, so the day mostly repeats: count a run of one day, store it when the day changes.
            int runDay = int.MinValue;
            long run = 0;
            foreach (var row in selection)
            {
                if (member is not null) member[row >> 6] |= 1UL << row;
                var minute = columns.Minute(row);
                first = Math.Min(first, minute);
                last = Math.Max(last, minute);
                var day = (minute + BeijingTime.OffsetMinutes) / MinutesPerDay; // the Beijing day, like filters and rounds
                if (day != runDay)
                {
                    if (run > 0) perDay[runDay] = perDay.GetValueOrDefault(runDay) + run;
                    runDay = day;
                    run = 0;
                }
                run++;
            }
            if (run > 0) perDay[runDay] = perDay.GetValueOrDefault(runDay) + run;
            selected += n;
        }

        var questions = counted.Select((q, i) => tallies[i].Result(layout.Questions[q])).ToDictionary(p => p.Question.Id);
        var (byLevel, overall) = composite?.Result() ?? ([], CompositeMoments.Zero);
        var texts = member is not null ? CountTexts(columns, rowCount, member) : new Dictionary<(string, string?), TextCounts>();
        return new PatternCounts(selected, questions, texts, byLevel, overall,
            selected == 0 ? null : ResponseColumns.TimeOf(first), selected == 0 ? null : ResponseColumns.TimeOf(last),
            perDay.ToDictionary(d => EpochDay.AddDays(d.Key), d => d.Value));
    }

    private static int Select(ResponseColumns columns, int start, int end, PassRequest request, int[] rows, ulong[]? excludedRows)
    {
        int from = request.FromMinute ?? int.MinValue, to = request.ToMinute ?? int.MaxValue;
        var filterTime = request.FromMinute is not null || request.ToMinute is not null;
        var filterMode = request.Mode is not null;
        var mode = request.Mode.GetValueOrDefault();
        var selected = 0;
        for (var row = start; row < end; row++)
        {
            if (excludedRows is not null && (row >> 6) < excludedRows.Length && (excludedRows[row >> 6] & 1UL << row) != 0) continue;
            if (filterTime)
            {
                var minute = columns.Minute(row);
                if (minute < from || minute >= to) continue;
            }
            if (filterMode && columns.Mode(row) != mode) continue;
            var keep = true;
            foreach (var (question, bit) in request.Where)
                if ((columns.Masks[question].Get(row) & bit) == 0) { keep = false; break; }
            if (keep) rows[selected++] = row;
        }
        return selected;
    }

    /// <summary>n(stored mask, level) of one question, accumulated block by block.</summary>
    private sealed class QuestionTally(MaskColumn column, int levelCount)
    {
        private readonly long[]? dense = column.Width <= DenseWidth ? new long[(1 << column.Width) * levelCount] : null;
        private readonly Dictionary<(ulong, int), long> sparse = [];

        public void Add(ReadOnlySpan<int> selection, ReadOnlySpan<byte> levels)
        {
            if (dense is not null)
            {
                column.CountDense(selection, levels, levelCount, dense);
                return;
            }
            for (var i = 0; i < selection.Length; i++)
            {
                var key = (column.Get(selection[i]), levels.IsEmpty ? 0 : levels[i]);
                sparse[key] = sparse.GetValueOrDefault(key) + 1;
            }
        }

        /// <summary>The counts by pattern in questionnaire option order (see <see cref="QuestionSlot.ToOptionOrder"/>).</summary>
        public QuestionPatterns Result(QuestionSlot slot)
        {
            var byPattern = new Dictionary<long, long[]>();
            void Put(ulong stored, int level, long count)
            {
                var pattern = slot.ToOptionOrder(stored);
                if (!byPattern.TryGetValue(pattern, out var perLevel)) byPattern[pattern] = perLevel = new long[levelCount];
                perLevel[level] += count;
            }
            if (dense is not null)
            {
                for (var cell = 0; cell < dense.Length; cell++)
                    if (dense[cell] > 0) Put((ulong)(cell / levelCount), cell % levelCount, dense[cell]);
            }
            else
                foreach (var ((stored, level), count) in sparse) Put(stored, level, count);
            return new QuestionPatterns(slot.Question, levelCount, byPattern);
        }
    }

    /// <summary>
    /// Each selected respondent's composite score = Σ w·score / Σ w over the scored items they rated (不了解 has no
    /// score and is left out); its count, sum and sum of squares per level, accumulated block by block.
    /// </summary>
    private sealed class CompositeTally
    {
        private readonly List<(MaskColumn Column, double[] ScoreOfBit, double Weight)> items = [];
        private readonly double[] weighted = new double[BlockSize], weights = new double[BlockSize];
        private readonly long[] n;
        private readonly double[] sum, squares;

        public CompositeTally(ResponseColumns columns, int levelCount)
        {
            var layout = columns.Layout;
            for (var q = 0; q < layout.Questions.Count; q++)
            {
                var slot = layout.Questions[q];
                if (!slot.Question.IsScored) continue;
                var scoreOfBit = new double[64];
                Array.Fill(scoreOfBit, double.NaN);
                for (var bit = 0; bit < 64; bit++)
                    if (slot.OptionIndexOfBit(bit) is var index and >= 0 && slot.Question.OptionList[index].Score is { } score) scoreOfBit[bit] = score;
                items.Add((columns.Masks[q], scoreOfBit, slot.Question.EffectiveWeight));
            }
            n = new long[levelCount];
            sum = new double[levelCount];
            squares = new double[levelCount];
        }

        public void Add(ReadOnlySpan<int> selection, ReadOnlySpan<byte> levels)
        {
            Array.Clear(weighted, 0, selection.Length);
            Array.Clear(weights, 0, selection.Length);
            foreach (var (column, scoreOfBit, weight) in items)
                for (var i = 0; i < selection.Length; i++)
                {
                    var mask = column.Get(selection[i]);
                    if (mask == 0) continue;
                    var score = scoreOfBit[BitOperations.TrailingZeroCount(mask)];
                    if (double.IsNaN(score)) continue;
                    weighted[i] += weight * score;
                    weights[i] += weight;
                }
            for (var i = 0; i < selection.Length; i++)
            {
                if (weights[i] <= 0) continue;
                var value = weighted[i] / weights[i];
                var level = levels.IsEmpty ? 0 : levels[i];
                n[level]++;
                sum[level] += value;
                squares[level] += value * value;
            }
        }

        public (CompositeMoments[] ByLevel, CompositeMoments Overall) Result() =>
            (Enumerable.Range(0, n.Length).Select(j => new CompositeMoments(n[j], sum[j], squares[j])).ToArray(),
             new CompositeMoments(n.Sum(), sum.Sum(), squares.Sum()));
    }

    private static Dictionary<(string, string?), TextCounts> CountTexts(ResponseColumns columns, int rowCount, ulong[] member)
    {
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
}
