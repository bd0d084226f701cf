using System.Numerics;

namespace Survey.Api.Results.Engine;

/// <summary>
/// One question's stored option masks, one per response, in the narrowest unsigned integer that holds the
/// question's bits (byte up to 8 options, ushort up to 16...), in chunks of <see cref="ResponseColumns.ChunkSize"/> so
/// growing never copies what is stored.
/// </summary>
public abstract class MaskColumn
{
    public static MaskColumn For(int width) => width switch
    {
        <= 8 => new MaskColumn<byte>(width),
        <= 16 => new MaskColumn<ushort>(width),
        <= 32 => new MaskColumn<uint>(width),
        _ => new MaskColumn<ulong>(width),
    };

    /// <summary>Bits a value can have; masks written by a newer layout are cut to these (options this process does not know).</summary>
    public abstract int Width { get; }

    public abstract int BytesPerRow { get; }

    public abstract void Set(int row, ulong mask);

    public abstract ulong Get(int row);

    /// <summary>
    /// counts[mask × levelCount + level] += 1 for each selected row (the pass's inner loop, specialised per width).
    /// Only for widths up to <see cref="PatternPass.DenseWidth"/>.
    /// </summary>
    public abstract void CountDense(ReadOnlySpan<int> rows, ReadOnlySpan<byte> levels, int levelCount, long[] counts);
}

public sealed class MaskColumn<T>(int width) : MaskColumn where T : unmanaged, IBinaryInteger<T>
{
    private T[][] chunks = [];
    private readonly ulong keep = width >= 64 ? ulong.MaxValue : (1UL << width) - 1;

    public override int Width => width;

    public override int BytesPerRow => System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Set(int row, ulong mask)
    {
        var chunk = row >> ResponseColumns.ChunkBits;
        ResponseColumns.Ensure(ref chunks, chunk);
        chunks[chunk][row & ResponseColumns.ChunkMask] = T.CreateTruncating(mask & keep);
    }

    public override ulong Get(int row) => ulong.CreateTruncating(chunks[row >> ResponseColumns.ChunkBits][row & ResponseColumns.ChunkMask]);

    public override void CountDense(ReadOnlySpan<int> rows, ReadOnlySpan<byte> levels, int levelCount, long[] counts)
    {
        var local = chunks;
        if (levels.IsEmpty)
        {
            foreach (var row in rows)
                counts[int.CreateTruncating(local[row >> ResponseColumns.ChunkBits][row & ResponseColumns.ChunkMask])]++;
            return;
        }
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            counts[int.CreateTruncating(local[row >> ResponseColumns.ChunkBits][row & ResponseColumns.ChunkMask]) * levelCount + levels[i]]++;
        }
    }
}
