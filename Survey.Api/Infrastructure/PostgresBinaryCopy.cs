using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;

namespace Survey.Api.Infrastructure;

/// <summary>
/// Rows for <c>COPY … FROM STDIN (FORMAT BINARY)</c>, encoded here into one buffer and handed to Npgsql's raw COPY
/// stream (<see cref="NpgsqlConnection.BeginRawBinaryCopy"/>) a buffer at a time. Npgsql's row API
/// (<see cref="NpgsqlBinaryImporter"/>) binds a parameter and resolves a converter for every field, which was most of
/// the import's writer thread (a 100,000-line import: 0.2 s more CPU, on the cores PostgreSQL needs too; README
/// "Measured", session 12); the few types our rows hold are simple to encode.
/// The format is PostgreSQL's (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"): a signature,
/// flags and header extension length, then per row a 16-bit field count and per field a 32-bit length (−1: NULL) and
/// the type's binary send form, all integers in network byte order; a 16-bit −1 ends the data. The send forms used:
/// <c>uuid</c> its 16 bytes in RFC 4122 order, <c>int2/int4/int8</c> big-endian, <c>timestamptz</c> microseconds since
/// 2000-01-01 UTC as int8, <c>bytea</c> the bytes, <c>varchar</c> UTF-8 text (the connection's client encoding is UTF-8,
/// and PostgreSQL converts binary text from it as it does any text).
/// </summary>
public sealed class PostgresBinaryCopy : IDisposable
{
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly NpgsqlRawCopyStream stream;
    // Rented: a COPY of a chunk lasts several young-generation collections, long enough for a new buffer to be promoted.
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
    private int used;
    private bool completed;

    private PostgresBinaryCopy(NpgsqlRawCopyStream stream)
    {
        this.stream = stream;
        Header.CopyTo(buffer, 0);
        used = Header.Length;
    }

    /// <summary>Starts <paramref name="copyFromStdinBinary"/> (a <c>COPY table (columns) FROM STDIN (FORMAT BINARY)</c>) on <paramref name="connection"/>.</summary>
    public static PostgresBinaryCopy Begin(NpgsqlConnection connection, string copyFromStdinBinary) =>
        new(connection.BeginRawBinaryCopy(copyFromStdinBinary));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Take(int bytes)
    {
        if (buffer.Length - used < bytes) MakeRoom(bytes);
        var span = buffer.AsSpan(used, bytes);
        used += bytes;
        return span;
    }

    private void MakeRoom(int bytes)
    {
        Flush();
        if (buffer.Length >= bytes) return;
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bytes, buffer.Length * 2));
    }

    private void Flush()
    {
        stream.Write(buffer, 0, used);
        used = 0;
    }

    public void StartRow(short fields) => BinaryPrimitives.WriteInt16BigEndian(Take(2), fields);

    public void WriteNull() => BinaryPrimitives.WriteInt32BigEndian(Take(4), -1);

    /// <summary>A field of <paramref name="length"/> bytes: its length written, the span for its value returned.</summary>
    private Span<byte> Field(int length)
    {
        var span = Take(4 + length);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        return span[4..];
    }

    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16BigEndian(Field(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Field(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64BigEndian(Field(8), value);

    public void WriteUuid(Guid value) => value.TryWriteBytes(Field(16), bigEndian: true, out _);

    /// <summary>A <c>timestamptz</c>; like Npgsql, only a UTC <see cref="DateTime"/> (any other kind would be a different instant on another machine).</summary>
    public void WriteTimestampTz(DateTime utc)
    {
        if (utc.Kind != DateTimeKind.Utc) throw new ArgumentException("A timestamptz is written from a UTC DateTime.", nameof(utc));
        WriteInt64((utc.Ticks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);
    }

    public void WriteBytes(ReadOnlySpan<byte> value) => value.CopyTo(Field(value.Length));

    /// <summary>Text as UTF-8; a string that is not valid UTF-16 (a lone surrogate) throws, as Npgsql's own encoding does.</summary>
    public void WriteText(string value) => Utf8.GetBytes(value, Field(Utf8.GetByteCount(value)));

    /// <summary>Ends the data and the COPY: PostgreSQL's errors (a duplicate key, a NULL where none is allowed) are thrown here.</summary>
    public void Complete()
    {
        BinaryPrimitives.WriteInt16BigEndian(Take(2), -1);
        Flush();
        completed = true;
        ArrayPool<byte>.Shared.Return(buffer);
        stream.Dispose();
    }

    /// <summary>Without <see cref="Complete"/> the COPY is cancelled: nothing of it is stored.</summary>
    public void Dispose()
    {
        if (completed) return;
        completed = true;
        ArrayPool<byte>.Shared.Return(buffer);
        try
        {
            stream.Cancel();
        }
        finally
        {
            stream.Dispose();
        }
    }
}
