using System.Runtime.CompilerServices;
namespace Survey.Core.Patterns;

/// <summary>
/// The compact answer of one response (<c>responses.Patterns</c>): for each slot 0..S−1 of the questionnaire's
/// <see cref="AnswerLayout"/>, the option bit mask of that question as an unsigned LEB128 varint (7 bits per byte, low
/// group first, high bit = more bytes follow; as in DWARF and protobuf). Trailing unanswered slots are left out, so an
/// empty array means nothing was answered and slots added later read as unanswered in older rows.
/// </summary>
public static class PatternCodec
{
    /// <summary>Longest varint of a 64-bit mask.</summary>
    public const int MaxBytesPerSlot = 10;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static byte[] Encode(ReadOnlySpan<ulong> masks)
    {
        var length = masks.Length;
        while (length > 0 && masks[length - 1] == 0) length--;
        Span<byte> buffer = length * MaxBytesPerSlot <= 512 ? stackalloc byte[length * MaxBytesPerSlot] : new byte[length * MaxBytesPerSlot];
        var written = 0;
        for (var slot = 0; slot < length; slot++)
        {
            var value = masks[slot];
            while (value >= 0x80)
            {
                buffer[written++] = (byte)(value | 0x80);
                value >>= 7;
            }
            buffer[written++] = (byte)value;
        }
        return buffer[..written].ToArray();
    }

    /// <summary>Fills <paramref name="masks"/> (slots beyond the stored ones are 0); slots beyond its length are skipped.</summary>
    /// <exception cref="FormatException">A truncated or over-long varint.</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Decode(ReadOnlySpan<byte> pattern, Span<ulong> masks)
    {
        masks.Clear();
        var slot = 0;
        var position = 0;
        while (position < pattern.Length)
        {
            ulong value = 0;
            var shift = 0;
            while (true)
            {
                if (position >= pattern.Length || shift > 63) throw new FormatException("A truncated or over-long answer pattern.");
                var b = pattern[position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) break;
                shift += 7;
            }
            if (slot < masks.Length) masks[slot] = value;
            slot++;
        }
    }
}
