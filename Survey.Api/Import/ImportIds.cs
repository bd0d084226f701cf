using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Survey.Api.Import;

/// <summary>
/// Response ids for the lines of one import, in line order: a random tag for the run (16 bits), the line's number (32
/// bits), then 74 random bits (an RFC 9562 version 8 UUID: the layout is ours). A database keeps its primary key and
/// the texts' response index in id order, so random ids (<see cref="Guid.NewGuid"/>) send every one of a million rows
/// to a different index page: on PostgreSQL that was about 4 s of the 10.7 s a million rows cost the server (README
/// "Measured"); ids in line order go to the same few pages. Unlike a time-ordered UUID (version 7), the id says nothing
/// of when anyone answered (submission times are kept to the minute, <see cref="Responses.NewResponse.RoundToMinute"/>);
/// the line order it does carry is the order the rows are numbered in anyway. The tail only keeps ids unique (an
/// imported response's id is no secret: nobody holds it), so it comes from <see cref="Random.Shared"/>, not the
/// operating system's generator, whose call per id was 3% of an import's time.
/// </summary>
public sealed class ImportIds
{
    private readonly ushort runTag = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);

    /// <summary>The id of line <paramref name="lineNumber"/> (1-based): a later line gets a greater id in this run; thread-safe.</summary>
    public Guid For(int lineNumber)
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(bytes, runTag);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[2..], (uint)lineNumber);
        bytes[6] = (byte)(0x80 | bytes[6] & 0x0F); // version 8
        bytes[8] = (byte)(0x80 | bytes[8] & 0x3F); // variant 10 (RFC 9562)
        return new Guid(bytes, bigEndian: true);
    }
}
