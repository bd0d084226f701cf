using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Survey.Benchmarks;

/// <summary>
/// The floor the engine is compared with: one table with one row per response and one integer bitmask column per
/// choice question (<c>floor_responses(day, q0..qN)</c>, q0 = identity), built from the same synthetic data, and
/// one statement that returns every question's pattern counts and every question-by-identity pattern count:
/// GROUP BY GROUPING SETS on PostgreSQL, the same sets as UNION ALL on SQLite (which has no GROUPING SETS).
/// </summary>
public static class SqlFloor
{
    public sealed record Filter(int FromDay, int WhereQuestion, int WhereBit);

    public static async Task LoadAsync(DbConnection connection, BenchData data)
    {
        var columns = Enumerable.Range(0, data.ChoiceQuestions.Count).Select(q => $"q{q}").ToList();
        await ExecuteAsync(connection, "DROP TABLE IF EXISTS floor_responses");
        await ExecuteAsync(connection, $"CREATE TABLE floor_responses (day integer NOT NULL, {string.Join(", ", columns.Select(c => c + " integer NOT NULL"))})");
        var names = string.Join(", ", columns.Prepend("day"));
        if (connection is NpgsqlConnection postgres)
        {
            await using (var copy = await postgres.BeginBinaryImportAsync($"COPY floor_responses ({names}) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var row in data.FloorRows())
                {
                    await copy.StartRowAsync();
                    foreach (var value in row) await copy.WriteAsync(value, NpgsqlDbType.Integer);
                }
                await copy.CompleteAsync();
            }
            await ExecuteAsync(connection, "ANALYZE floor_responses");
            return;
        }
        var sqlite = (SqliteConnection)connection;
        await using var transaction = sqlite.BeginTransaction();
        await using var insert = sqlite.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO floor_responses ({names}) VALUES ({string.Join(", ", Enumerable.Range(0, columns.Count + 1).Select(i => $"${i}"))})";
        for (var i = 0; i <= columns.Count; i++) insert.Parameters.Add(new SqliteParameter($"${i}", 0));
        insert.Prepare();
        foreach (var row in data.FloorRows())
        {
            for (var i = 0; i < row.Length; i++) insert.Parameters[i].Value = row[i];
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    public static string Query(bool postgres, int questions, Filter? filter)
    {
        var where = filter is null ? "" : $" WHERE day >= {filter.FromDay} AND (q{filter.WhereQuestion} & {1 << filter.WhereBit}) <> 0";
        if (postgres)
        {
            var sets = Enumerable.Range(0, questions).SelectMany(q => q == 0 ? new[] { "(q0)" } : [$"(q{q})", $"(q{q}, q0)"]);
            var columns = string.Join(", ", Enumerable.Range(0, questions).Select(q => $"q{q}"));
            return $"SELECT {columns}, count(*) FROM floor_responses{where} GROUP BY GROUPING SETS ({string.Join(", ", sets)})";
        }
        var parts = Enumerable.Range(0, questions).SelectMany(q => q == 0
            ? new[] { $"SELECT 0, q0, NULL, count(*) FROM floor_responses{where} GROUP BY q0" }
            : [$"SELECT {q}, q{q}, NULL, count(*) FROM floor_responses{where} GROUP BY q{q}",
               $"SELECT {q}, q{q}, q0, count(*) FROM floor_responses{where} GROUP BY q{q}, q0"]);
        return string.Join(" UNION ALL ", parts);
    }

    /// <summary>Median of five timed runs after one warm-up, reading every row.</summary>
    public static async Task<double> TimeAsync(DbConnection connection, string sql)
    {
        var samples = new List<double>();
        for (var run = 0; run < 6; run++)
        {
            var clock = Stopwatch.StartNew();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 600;
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync()) rows++;
            if (run > 0) samples.Add(clock.Elapsed.TotalSeconds);
        }
        return Median(samples);
    }

    public static double Median(List<double> samples) => samples.Order().ElementAt(samples.Count / 2);

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }
}
