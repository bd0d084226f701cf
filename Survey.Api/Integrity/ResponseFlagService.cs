using System.Collections.Concurrent;
using System.Numerics;
using Survey.Analysis.Integrity;
using Survey.Api.Results.Engine;

namespace Survey.Api.Integrity;

/// <summary>
/// Runs the flag rules (<see cref="ResponseFlags"/>) over every stored response of a questionnaire, set aside or not,
/// read from the engine's snapshot (brought up to date from the database first, so every instance flags the same
/// groups). Remembered per questionnaire until the next response arrives.
/// </summary>
public sealed class ResponseFlagService(ResponseSnapshots snapshots)
{
    private readonly ConcurrentDictionary<string, (int Rows, IReadOnlyList<FlagGroup> Groups)> memo = new();

    public async Task<IReadOnlyList<FlagGroup>> FlagsAsync(Questionnaire questionnaire, CancellationToken cancellationToken)
    {
        var columns = await snapshots.ColumnsAsync(questionnaire, cancellationToken);
        if (memo.TryGetValue(questionnaire.Id, out var known) && known.Rows == columns.Count) return known.Groups;
        var groups = Compute(columns);
        memo[questionnaire.Id] = (columns.Count, groups);
        return groups;
    }

    /// <summary>Bursts, identical answers and straight-lining, in that order.</summary>
    public static IReadOnlyList<FlagGroup> Compute(ResponseColumns columns)
    {
        var rows = columns.Count;
        var seqs = new long[rows];
        var minutes = new int[rows];
        for (var row = 0; row < rows; row++)
        {
            seqs[row] = columns.Seq(row);
            minutes[row] = columns.Minute(row);
        }
        return [.. ResponseFlags.Bursts(seqs, minutes), .. ResponseFlags.Identical(seqs, minutes, Fingerprints(columns, rows)),
            .. ResponseFlags.StraightLines(seqs, minutes, StraightOptions(columns, rows))];
    }

    /// <summary>
    /// Per row a 64-bit fingerprint of the complete answer: every stored mask and every text (hashed by content, not by
    /// the snapshot's interning number, so every instance computes the same fingerprint and so the same group key).
    /// </summary>
    public static ulong[] Fingerprints(ResponseColumns columns, int rows)
    {
        var hashes = new ulong[rows];
        // Block by block (one snapshot chunk each, so a block's hashes stay in cache across the columns), on every core:
        // this runs over every stored response each time one arrives.
        Parallel.For(0, (rows + ResponseColumns.ChunkSize - 1) / ResponseColumns.ChunkSize, block =>
        {
            var from = block * ResponseColumns.ChunkSize;
            var to = Math.Min(rows, from + ResponseColumns.ChunkSize);
            hashes.AsSpan(from, to - from).Fill(14695981039346656037UL);
            foreach (var column in columns.Masks)
                for (var row = from; row < to; row++) hashes[row] = Mix(hashes[row], column.Get(row));
        });
        var keyNumber = 0UL;
        foreach (var key in columns.TextKeys.OrderBy(k => k.Question, StringComparer.Ordinal).ThenBy(k => k.Option, StringComparer.Ordinal))
        {
            keyNumber++;
            var textHashes = new Dictionary<int, ulong>();
            var (textRows, numbers, count) = columns.Texts(key.Question, key.Option).Read();
            for (var i = 0; i < count; i++)
            {
                if (textRows[i] >= rows) continue;
                if (!textHashes.TryGetValue(numbers[i], out var textHash)) textHashes[numbers[i]] = textHash = HashText(columns.Text(numbers[i]));
                hashes[textRows[i]] = Mix(Mix(hashes[textRows[i]], keyNumber), textHash);
            }
        }
        for (var row = 0; row < rows; row++) hashes[row] = Finish(hashes[row]);
        return hashes;
    }

    /// <summary>Per row the option position every scored item was answered with, or -1 (<see cref="ResponseFlags.StraightOption"/>).</summary>
    public static int[] StraightOptions(ResponseColumns columns, int rows)
    {
        var scored = Enumerable.Range(0, columns.Layout.Questions.Count).Where(q => columns.Layout.Questions[q].Question.IsScored).ToArray();
        var result = new int[rows];
        var choices = new int[scored.Length];
        for (var row = 0; row < rows; row++)
        {
            for (var i = 0; i < scored.Length; i++)
            {
                var mask = columns.Masks[scored[i]].Get(row);
                choices[i] = mask == 0 ? -1 : columns.Layout.Questions[scored[i]].OptionIndexOfBit(BitOperations.TrailingZeroCount(mask));
            }
            result[row] = ResponseFlags.StraightOption(choices);
        }
        return result;
    }

    /// <summary>FNV-1a over the value's 8 bytes.</summary>
    private static ulong Mix(ulong hash, ulong value)
    {
        for (var i = 0; i < 8; i++, value >>= 8) hash = (hash ^ (value & 0xff)) * 1099511628211UL;
        return hash;
    }

    private static ulong HashText(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text) hash = Mix(hash, c);
        return Finish(hash);
    }

    /// <summary>SplitMix64's finaliser, so nearby inputs spread over all 64 bits.</summary>
    private static ulong Finish(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }
}
