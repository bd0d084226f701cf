using System.Runtime.CompilerServices;

namespace Survey.Api.Results.Engine;

/// <summary>
/// The ids of the rows <see cref="SqliteSnapshotReader"/> appended, in the rows' order, with their numbers: how each
/// text, read from its own table without a join, finds its response's number. The texts' table is in the order of
/// writing, which is nearly always the rows' order: each text's response is looked for a few rows on from the previous
/// text's, which touches memory in order. Only a text found elsewhere (rows numbered in another order than they were
/// written, or a text whose response is not among the rows read) makes a hash table of every id (built then, once).
/// </summary>
public sealed class RowIds(int expected)
{
    private const int Window = 32;
    private ulong[] lows = new ulong[expected];
    private ulong[] highs = new ulong[expected];
    private long[] seqs = new long[expected];
    private int count;
    private IdRows? byId;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(Guid id, long seq)
    {
        if (count == seqs.Length)
        {
            Array.Resize(ref lows, count * 2);
            Array.Resize(ref highs, count * 2);
            Array.Resize(ref seqs, count * 2);
        }
        (lows[count], highs[count]) = Halves(id);
        seqs[count++] = seq;
    }

    /// <summary>The number of the response with this id, or -1; <paramref name="cursor"/> is where the last one was found.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Find(Guid id, ref int cursor)
    {
        var (low, high) = Halves(id);
        for (int index = cursor, end = Math.Min(count, cursor + Window); index < end; index++)
            if (lows[index] == low && highs[index] == high)
            {
                cursor = index;
                return seqs[index];
            }
        if (byId is null)
        {
            byId = new IdRows(count);
            for (var index = 0; index < count; index++) byId.Add(lows[index], highs[index], index);
        }
        var found = byId.Find(low, high);
        if (found < 0) return -1;
        cursor = found;
        return seqs[found];
    }

    /// <summary>
    /// The texts whose responses were read, with their numbers, in the rows' order (as a text column keeps them). The
    /// table's order is the order of writing, which is the rows' order unless numbers were given in another order
    /// (responses converted from the old format): then a
    /// stable sort, which keeps one response's texts in the table's order. Texts of responses not read (numbered above
    /// the read, or not numbered yet) are left out: the refresh that reads their responses reads them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public List<(long Seq, ResponseColumns.TextColumn Column, int Number)> Resolve(List<(Guid Id, ResponseColumns.TextColumn Column, int Number)> texts)
    {
        var result = new List<(long Seq, ResponseColumns.TextColumn Column, int Number)>(texts.Count);
        var inOrder = true;
        var cursor = 0;
        foreach (var (id, column, number) in texts)
        {
            var seq = Find(id, ref cursor);
            if (seq < 0) continue;
            if (result.Count > 0 && result[^1].Seq > seq) inOrder = false;
            result.Add((seq, column, number));
        }
        return inOrder ? result : result.OrderBy(t => t.Seq).ToList();
    }

    /// <summary>A GUID's two halves; the low one starts with its first 4 random bytes.</summary>
    private static (ulong Low, ulong High) Halves(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return (BitConverter.ToUInt64(bytes[..8]), BitConverter.ToUInt64(bytes[8..]));
    }

    /// <summary>
    /// Where an id's search starts in a hash table of <paramref name="size"/> slots (a power of two): a hash of both
    /// halves. Not the id's low bits: an imported response's id (<see cref="Import.ImportIds"/>) starts with the run's
    /// tag and the line number, so the low bits of 100,000 imported ids fell on 2 slots (the test), and linear probing
    /// then walked the whole cluster for every id added or looked for: quadratic in the rows read.
    /// </summary>
    public static int SlotOf(Guid id, int size)
    {
        var (low, high) = Halves(id);
        return SlotOf(low, high, size - 1);
    }

    private static int SlotOf(ulong low, ulong high, int mask) => HashCode.Combine(low, high) & mask;

    /// <summary>
    /// Id → index: open addressing with linear probing over one array (an id's halves and its index side by side), at
    /// most two thirds full.
    /// </summary>
    private sealed class IdRows
    {
        private readonly Entry[] entries;

        public IdRows(int expected)
        {
            var size = 16;
            while (size / 3 * 2 < expected) size <<= 1;
            entries = new Entry[size];
        }

        public void Add(ulong low, ulong high, int index)
        {
            var slot = Probe(low, high);
            if (entries[slot].Index != 0) throw new InvalidOperationException("A response id read twice.");
            entries[slot] = new Entry(low, high, index + 1);
        }

        /// <summary>The index of the id, or -1.</summary>
        public int Find(ulong low, ulong high) => entries[Probe(low, high)].Index - 1;

        /// <summary>The id's slot, or the empty slot where it would go.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int Probe(ulong low, ulong high)
        {
            var mask = entries.Length - 1;
            var slot = SlotOf(low, high, mask);
            while (entries[slot].Index != 0 && (entries[slot].Low != low || entries[slot].High != high)) slot = (slot + 1) & mask;
            return slot;
        }

        private readonly record struct Entry(ulong Low, ulong High, int Index); // Index + 1; 0: empty
    }
}
