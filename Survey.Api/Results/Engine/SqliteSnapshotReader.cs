using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Survey.Core.Patterns;

namespace Survey.Api.Results.Engine;

/// <summary>
/// The large first read of a snapshot (start-up) on SQLite, whose reads run in this process. Three things make it
/// several times cheaper than reading through ADO.NET with the texts joined to their rows (measured at 1M):
/// <list type="bullet">
/// <item>it steps SQLite's statements itself on the connections' handles (<see cref="SqliteConnection.Handle"/>),
/// reading each value where SQLite holds it, so a million rows cost SQLite's stepping and no driver bookkeeping or
/// arrays per value;</item>
/// <item>the texts are read from their own table without the join, which probed an index once per response (most of
/// the old read's time); each text finds its response's number through the ids read with the rows;</item>
/// <item>the texts are read on a second connection, on the other core, while the rows are read.</item>
/// </list>
/// Exact like <see cref="ResponseSnapshots.ReadAllRowsAsync"/>'s general read (tested against it). Anything it does not
/// expect (an id that is not a GUID, a time not in the form EF Core and Microsoft.Data.Sqlite write) makes it give up
/// before publishing anything, and the general read runs instead.
/// </summary>
public static class SqliteSnapshotReader
{
    /// <summary>
    /// Appends the rows numbered in (after, upTo], in order, and returns their texts for <see cref="ResponseSnapshots"/>
    /// to attach; or null, with nothing appended, when a row is not in the expected form. Every number up to
    /// <paramref name="upTo"/> was committed together with its texts before it was read, so the texts' read sees all of
    /// them; texts of responses above it (committed since) are left for the next refresh, as their responses are.
    /// </summary>
    public static async Task<List<(long Seq, ResponseColumns.TextColumn Column, int Number)>?> ReadAllAsync(SqliteConnection rowsConnection,
        SqliteConnection? textsConnection, string questionnaireId, ResponseColumns columns, long after, long upTo, CancellationToken cancellationToken)
    {
        // ResponseColumns.Intern may run while rows are appended on another thread (it touches only the texts). Without
        // a second connection, the texts are read after the rows.
        var textsRead = textsConnection is null ? null : Task.Run(() => ReadTexts(textsConnection, questionnaireId, columns, cancellationToken), cancellationToken);
        RowIds? seqOfId;
        try
        {
            seqOfId = AppendRows(rowsConnection, questionnaireId, columns, after, upTo, cancellationToken);
        }
        finally
        {
            // The texts' connection must be free again before it goes back to the caller, whatever happened here.
            if (textsRead is not null) await textsRead.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        var texts = textsRead is not null ? await textsRead : seqOfId is null ? null : ReadTexts(rowsConnection, questionnaireId, columns, cancellationToken);
        var resolved = seqOfId is null || texts is null ? null : seqOfId.Resolve(texts);
        if (resolved is null) columns.Discard();
        // Tens of megabytes at a million rows: not kept alive by this method's state after it returns.
        (textsRead, seqOfId, texts) = (null, null, null);
        return resolved;
    }

    private const string RowsSql = """
        SELECT "Seq", "SubmittedAt", "Patterns", "Mode", "Id"
        FROM responses WHERE "QuestionnaireId" = ?1 AND "Seq" > ?2 AND "Seq" <= ?3 ORDER BY "Seq"
        """;

    /// <summary>Appends the rows and returns their ids' numbers; null when a row is not in the expected form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a million iterations during start-up (see ResponseColumns.Append)
    private static RowIds? AppendRows(SqliteConnection connection, string questionnaireId, ResponseColumns columns, long after, long upTo,
        CancellationToken cancellationToken)
    {
        var masks = new ulong[Math.Max(columns.Layout.SlotCount, 1)];
        var seqOfId = new RowIds((int)Math.Clamp(upTo - after, 16, 1 << 24));
        using var statement = Prepare(connection, RowsSql);
        raw.sqlite3_bind_text(statement, 1, questionnaireId);
        raw.sqlite3_bind_int64(statement, 2, after);
        raw.sqlite3_bind_int64(statement, 3, upTo);
        var read = 0;
        while (Step(connection, statement, read == 0))
        {
            var seq = raw.sqlite3_column_int64(statement, 0);
            if (MinuteOf(raw.sqlite3_column_blob(statement, 1)) is not { } minute || ParseId(raw.sqlite3_column_blob(statement, 4)) is not { } id)
                return null;
            PatternCodec.Decode(raw.sqlite3_column_blob(statement, 2), masks); // NULL reads as empty: nothing answered
            var mode = (Survey.Api.Model.ResponseMode)raw.sqlite3_column_int64(statement, 3);
            seqOfId.Add(id, seq);
            columns.Append(seq, minute, mode, masks);
            if ((++read & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
        }
        return seqOfId;
    }

    /// <summary>
    /// Every text of the questionnaire, interned, with its column and its response's id, in the table's order; null when
    /// an id is not in the expected form. Texts of keys the questionnaire does not have are left out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<(Guid Id, ResponseColumns.TextColumn Column, int Number)>? ReadTexts(SqliteConnection connection, string questionnaireId,
        ResponseColumns columns, CancellationToken cancellationToken)
    {
        var texts = new List<(Guid Id, ResponseColumns.TextColumn Column, int Number)>();
        var keys = new List<(byte[] Question, byte[]? Option, ResponseColumns.TextColumn? Column)>();
        var chars = ArrayPool<char>.Shared.Rent(256);
        try
        {
            using var statement = Prepare(connection, """SELECT "ResponseId", "QuestionId", "OptionId", "Text" FROM response_texts WHERE "QuestionnaireId" = ?1""");
            raw.sqlite3_bind_text(statement, 1, questionnaireId);
            var read = 0;
            while (Step(connection, statement, read == 0))
            {
                if ((++read & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                if (ParseId(raw.sqlite3_column_blob(statement, 0)) is not { } id) return null;
                if (ColumnOf(statement, columns, keys) is not { } column) continue;
                var text = raw.sqlite3_column_blob(statement, 3);
                if (chars.Length < text.Length)
                {
                    ArrayPool<char>.Shared.Return(chars);
                    chars = ArrayPool<char>.Shared.Rent(text.Length);
                }
                texts.Add((id, column, columns.Intern(chars.AsSpan(0, Encoding.UTF8.GetChars(text, chars)))));
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
        return texts;
    }

    /// <summary>The text column of the current row's (question, option), decoded once per distinct key.</summary>
    private static ResponseColumns.TextColumn? ColumnOf(sqlite3_stmt statement, ResponseColumns columns,
        List<(byte[] Question, byte[]? Option, ResponseColumns.TextColumn? Column)> keys)
    {
        var question = raw.sqlite3_column_blob(statement, 1);
        var noOption = raw.sqlite3_column_type(statement, 2) == raw.SQLITE_NULL;
        var option = raw.sqlite3_column_blob(statement, 2);
        foreach (var key in keys)
            if (question.SequenceEqual(key.Question) && (key.Option is null ? noOption : !noOption && option.SequenceEqual(key.Option)))
                return key.Column;
        var column = columns.TextColumnOf(Encoding.UTF8.GetString(question), noOption ? null : Encoding.UTF8.GetString(option));
        keys.Add((question.ToArray(), noOption ? null : option.ToArray(), column));
        return column;
    }

    /// <summary>A response id as stored (EF Core's text form of a GUID), or null for anything else.</summary>
    private static Guid? ParseId(ReadOnlySpan<byte> text) =>
        Utf8Parser.TryParse(text, out Guid id, out var used, 'D') && used == text.Length ? id : null;

    /// <summary>
    /// <see cref="ResponseColumns.MinuteOf"/> of a time as EF Core and Microsoft.Data.Sqlite store a UTC
    /// <see cref="DateTime"/> (<c>yyyy-MM-dd HH:mm:ss</c>, optionally <c>.F…</c> up to 7 digits), computed as the general
    /// read's SQL computes it; null for any other form (and before 1970), which the general read then handles.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int? MinuteOf(ReadOnlySpan<byte> text)
    {
        if (text.Length < 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':') return null;
        if (text.Length > 19 && (text[19] != '.' || text.Length == 20 || text.Length > 27 || !AllDigits(text[20..]))) return null;
        if (!AllDigits(text[..4]) || !AllDigits(text.Slice(5, 2)) || !AllDigits(text.Slice(8, 2)) || !AllDigits(text.Slice(11, 2))
            || !AllDigits(text.Slice(14, 2)) || !AllDigits(text.Slice(17, 2)))
            return null;
        int year = Number(text[..4]), month = Number(text.Slice(5, 2)), day = Number(text.Slice(8, 2));
        int hour = Number(text.Slice(11, 2)), minute = Number(text.Slice(14, 2)), second = Number(text.Slice(17, 2));
        if (year < 1970 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return null;
        // Whole seconds, then minutes truncated toward zero: what strftime('%s') and SQLite's integer division gave.
        var seconds = (new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc) - ResponseColumns.Epoch).Ticks / TimeSpan.TicksPerSecond;
        return (int)(seconds / 60);

        static bool AllDigits(ReadOnlySpan<byte> digits)
        {
            foreach (var digit in digits)
                if (digit is < (byte)'0' or > (byte)'9') return false;
            return true;
        }

        static int Number(ReadOnlySpan<byte> digits)
        {
            var value = 0;
            foreach (var digit in digits) value = value * 10 + (digit - '0');
            return value;
        }
    }

    private static sqlite3_stmt Prepare(SqliteConnection connection, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }
        return statement!;
    }

    /// <summary>
    /// The next row (false at the end). A database busy with another connection's recovery is waited for on the first
    /// step, up to the connection's timeout, as Microsoft.Data.Sqlite's own commands do.
    /// </summary>
    private static bool Step(SqliteConnection connection, sqlite3_stmt statement, bool first)
    {
        var rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW) return true;
        if (rc == raw.SQLITE_DONE) return false;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (first && rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED && waited.Elapsed.TotalSeconds < connection.DefaultTimeout)
        {
            raw.sqlite3_reset(statement);
            Thread.Sleep(150);
            rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_ROW) return true;
            if (rc == raw.SQLITE_DONE) return false;
        }
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        throw new InvalidOperationException($"SQLite returned {rc}.");
    }
}
