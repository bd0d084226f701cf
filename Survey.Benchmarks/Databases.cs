using Npgsql;

namespace Survey.Benchmarks;

/// <summary>Fresh databases for one measurement: a new database in the bench's PostgreSQL cluster, or a new SQLite file.</summary>
public static class Databases
{
    public static async Task<string> CreatePostgresAsync(string admin, string name)
    {
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            // Two commands: CREATE DATABASE cannot share the implicit transaction of a multi-statement command.
            foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {name} WITH (FORCE)", $"CREATE DATABASE {name}" })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, CommandTimeout = 600 }.ConnectionString;
    }

    public static string CreateSqlite(string work, string name)
    {
        var file = Path.Combine(work, name + ".db");
        foreach (var old in new[] { file, file + "-wal", file + "-shm" }) File.Delete(old);
        return $"Data Source={file}";
    }

    public static async Task DropPostgresAsync(string admin, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecutePostgresAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>Runs <paramref name="sql"/> (one or more statements) on a connection of its own.</summary>
    public static async Task ExecutePostgresAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
