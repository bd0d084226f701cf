using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Survey.Benchmarks;

/// <summary>
/// What any import of a file must spend at least, measured in the same run as <c>script/import</c>: a process that
/// starts, creates the schema in an empty database and stores the questionnaire's layout (<c>script/import</c> of a
/// one-line file, <see cref="OneLine"/>), then the database's own work for the rows, which no importer can avoid:
/// the rows the import stored, copied straight into that database in one transaction (PostgreSQL: binary COPY of the
/// bytes <c>COPY … TO</c> produced; SQLite: <c>INSERT … SELECT</c> from the imported file, attached).
/// </summary>
public static class ImportFloor
{
    /// <summary>The columns the import's writer fills (<c>ResponseRowWriter</c>); the rest take their defaults.</summary>
    private const string ResponseColumns = """ "Id", "Seq", "QuestionnaireId", "QuestionnaireVersion", "SubmittedAt", "Patterns", "Mode" """;
    private const string TextColumns = """ "ResponseId", "Seq", "QuestionnaireId", "QuestionId", "OptionId", "Text" """;

    /// <summary>The first line of <paramref name="jsonLines"/>, as a file of its own beside it.</summary>
    public static string OneLine(string jsonLines)
    {
        var file = Path.ChangeExtension(jsonLines, ".one.jsonl");
        File.WriteAllLines(file, File.ReadLines(jsonLines).Take(1));
        return file;
    }

    /// <summary>
    /// Copies every response and text of <paramref name="imported"/> into <paramref name="into"/> (migrated; its
    /// responses are deleted first, untimed) in one transaction, and returns the seconds from its start to its commit.
    /// </summary>
    public static Task<double> CopyStraightAsync(bool postgres, string imported, string into) =>
        postgres ? CopyPostgresAsync(imported, into) : CopySqliteAsync(imported, into);

    private static async Task<double> CopyPostgresAsync(string imported, string into)
    {
        byte[] responses, texts;
        await using (var source = new NpgsqlConnection(imported))
        {
            await source.OpenAsync();
            responses = await CopyOutAsync(source, $"COPY responses ({ResponseColumns}) TO STDOUT (FORMAT BINARY)");
            texts = await CopyOutAsync(source, $"COPY response_texts ({TextColumns}) TO STDOUT (FORMAT BINARY)");
        }
        await using var target = new NpgsqlConnection(into);
        await target.OpenAsync();
        await using (var delete = new NpgsqlCommand("DELETE FROM response_texts; DELETE FROM responses; CHECKPOINT", target)) await delete.ExecuteNonQueryAsync();

        var clock = Stopwatch.StartNew(); // after a CHECKPOINT, like each timed import (Program.TimeImportAsync)
        await using var transaction = await target.BeginTransactionAsync();
        await CopyInAsync(target, $"COPY responses ({ResponseColumns}) FROM STDIN (FORMAT BINARY)", responses);
        await CopyInAsync(target, $"COPY response_texts ({TextColumns}) FROM STDIN (FORMAT BINARY)", texts);
        await transaction.CommitAsync();
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<byte[]> CopyOutAsync(NpgsqlConnection connection, string copy)
    {
        using var bytes = new MemoryStream();
        await using (var raw = await connection.BeginRawBinaryCopyAsync(copy)) await raw.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    private static async Task CopyInAsync(NpgsqlConnection connection, string copy, byte[] bytes)
    {
        await using var raw = await connection.BeginRawBinaryCopyAsync(copy);
        await raw.WriteAsync(bytes);
    }

    private static async Task<double> CopySqliteAsync(string imported, string into)
    {
        await using var target = new SqliteConnection(into);
        await target.OpenAsync();
        await Execute(target, "DELETE FROM response_texts; DELETE FROM responses");
        // As the import's connection: a page cache that holds the indexes of the whole transaction.
        await Execute(target, "PRAGMA cache_size = -262144");
        await Execute(target, $"ATTACH DATABASE '{new SqliteConnectionStringBuilder(imported).DataSource.Replace("'", "''")}' AS imported");

        var clock = Stopwatch.StartNew();
        await using var transaction = target.BeginTransaction();
        await Execute(target, $"""
            INSERT INTO responses ({ResponseColumns}) SELECT {ResponseColumns} FROM imported.responses;
            INSERT INTO response_texts ({TextColumns}) SELECT {TextColumns} FROM imported.response_texts;
            """, transaction);
        await transaction.CommitAsync();
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync();
    }
}
