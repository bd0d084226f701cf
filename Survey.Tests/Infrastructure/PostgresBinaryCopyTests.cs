using Npgsql;
using Survey.Api.Infrastructure;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Infrastructure;

/// <summary>
/// What <see cref="PostgresBinaryCopy"/> encodes is what PostgreSQL stores: each type read back through PostgreSQL's own
/// text output (independent of our encoder and of Npgsql's decoding), edge values included; a row larger than the
/// buffer; and a COPY that fails or is abandoned stores nothing and leaves the connection usable.
/// </summary>
public sealed class PostgresBinaryCopyTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private NpgsqlConnection connection = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreatePostgresAsync();
        connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync("""
            CREATE TABLE copied (id uuid PRIMARY KEY, big bigint, small smallint, number integer, at timestamptz,
                                 bytes bytea, name varchar(64), body text)
            """);
    }

    public async Task DisposeAsync()
    {
        await connection.DisposeAsync();
        await database.DisposeAsync();
    }

    private const string Copy = "COPY copied (id, big, small, number, at, bytes, name, body) FROM STDIN (FORMAT BINARY)";

    private static void Row(PostgresBinaryCopy copy, Guid id, long big, short small, int number, DateTime at, byte[]? bytes, string name, string? body)
    {
        copy.StartRow(8);
        copy.WriteUuid(id);
        copy.WriteInt64(big);
        copy.WriteInt16(small);
        copy.WriteInt32(number);
        copy.WriteTimestampTz(at);
        if (bytes is null) copy.WriteNull(); else copy.WriteBytes(bytes);
        copy.WriteText(name);
        if (body is null) copy.WriteNull(); else copy.WriteText(body);
    }

    [Fact]
    public async Task Every_field_reads_back_as_PostgreSQL_prints_it()
    {
        var first = Guid.Parse("0123abcd-4567-89ef-0123-456789abcdef");
        var second = Guid.Parse("ffffffff-0000-8000-8000-000000000001");
        var longBody = string.Concat(Enumerable.Repeat("满意度调查😀", 20_000)); // 120,000 characters, 380,000 UTF-8 bytes: over the 64 KB buffer
        using (var copy = PostgresBinaryCopy.Begin(connection, Copy))
        {
            Row(copy, first, long.MinValue, short.MinValue, int.MinValue, new DateTime(2026, 3, 5, 10, 0, 0, DateTimeKind.Utc).AddTicks(1234560),
                [0, 1, 0xFF], "基层服务", "第一行\n“引号”, 逗号");
            Row(copy, second, long.MaxValue, short.MaxValue, int.MaxValue, new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc), null, "", null);
            Row(copy, Guid.Empty, 0, -1, 42, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), [], "ascii", longBody);
            copy.Complete();
        }

        // PostgreSQL's text forms (SET TimeZone fixes timestamptz output), compared with values written out by hand.
        await ExecuteAsync("SET TimeZone = 'UTC'");
        var rows = await ReadAsync("""
            SELECT id::text, big::text, small::text, number::text, at::text, coalesce(encode(bytes, 'hex'), 'NULL'), name, coalesce(length(body)::text, 'NULL'), coalesce(left(body, 12), 'NULL')
            FROM copied ORDER BY copied.number
            """);
        Assert.Equal([
            ["0123abcd-4567-89ef-0123-456789abcdef", "-9223372036854775808", "-32768", "-2147483648", "2026-03-05 10:00:00.123456+00", "0001ff", "基层服务", "12", "第一行\n“引号”, 逗号"],
            ["00000000-0000-0000-0000-000000000000", "0", "-1", "42", "2000-01-01 00:00:00+00", "", "ascii", "120000", "满意度调查😀满意度调查😀"],
            ["ffffffff-0000-8000-8000-000000000001", "9223372036854775807", "32767", "2147483647", "1999-12-31 23:59:59+00", "NULL", "", "NULL", "NULL"],
        ], rows);
        // The long text arrived whole (PostgreSQL counts characters: 6 per repeat, the emoji one).
        Assert.Equal([["true"]], await ReadAsync("SELECT (body = repeat('满意度调查😀', 20000))::text FROM copied WHERE number = 42"));
    }

    [Fact]
    public async Task A_failing_copy_throws_PostgreSQLs_error_and_stores_nothing()
    {
        var id = Guid.NewGuid();
        var at = DateTime.UtcNow;
        var thrown = await Assert.ThrowsAsync<PostgresException>(() => Task.Run(() =>
        {
            using var copy = PostgresBinaryCopy.Begin(connection, Copy);
            Row(copy, id, 1, 1, 1, at, null, "a", null);
            Row(copy, id, 2, 2, 2, at, null, "b", null); // the same primary key
            copy.Complete();
        }));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, thrown.SqlState);
        Assert.Equal([["0"]], await ReadAsync("SELECT count(*) FROM copied")); // and the connection still answers
    }

    [Fact]
    public async Task An_abandoned_copy_is_cancelled_and_stores_nothing()
    {
        using (var copy = PostgresBinaryCopy.Begin(connection, Copy))
            Row(copy, Guid.NewGuid(), 1, 1, 1, DateTime.UtcNow, null, "a", null); // disposed without Complete, as when the writer throws
        Assert.Equal([["0"]], await ReadAsync("SELECT count(*) FROM copied"));
    }

    [Fact]
    public void A_time_that_is_not_UTC_is_refused()
    {
        using var copy = PostgresBinaryCopy.Begin(connection, Copy);
        copy.StartRow(8);
        copy.WriteUuid(Guid.NewGuid());
        Assert.Throws<ArgumentException>(() => copy.WriteTimestampTz(new DateTime(2026, 3, 5, 10, 0, 0, DateTimeKind.Local)));
        Assert.Throws<ArgumentException>(() => copy.WriteTimestampTz(new DateTime(2026, 3, 5, 10, 0, 0, DateTimeKind.Unspecified)));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<List<string>>> ReadAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<List<string>>();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "DBNULL" : reader.GetValue(i).ToString()!).ToList());
        return rows;
    }
}
