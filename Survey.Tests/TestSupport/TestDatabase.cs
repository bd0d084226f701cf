using Npgsql;

namespace Survey.Tests.TestSupport;

/// <summary>
/// A fresh, empty database for one test fixture: a SQLite file in a temporary folder, or a new database in the
/// PostgreSQL cluster that script/test starts (connection in SURVEY_TEST_POSTGRES). Without that variable the
/// PostgreSQL tests fail (they are never skipped): run them through script/test.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "SURVEY_TEST_POSTGRES";

    private readonly string? postgresAdmin;
    private readonly string? databaseName;

    private TestDatabase(string kind, string connectionString, string folder, string? postgresAdmin, string? databaseName)
    {
        Kind = kind;
        ConnectionString = connectionString;
        Folder = folder;
        this.postgresAdmin = postgresAdmin;
        this.databaseName = databaseName;
    }

    public string Kind { get; }
    public string ConnectionString { get; }

    /// <summary>A temporary folder for this fixture (data folder, questionnaires copy).</summary>
    public string Folder { get; }

    public static TestDatabase CreateSqlite()
    {
        var folder = NewFolder();
        return new TestDatabase("sqlite", $"Data Source={Path.Combine(folder, "survey.db")}", folder, null, null);
    }

    public static async Task<TestDatabase> CreatePostgresAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
            throw new InvalidOperationException($"{PostgresVariable} is not set: run the suite with script/test, which starts a throwaway PostgreSQL cluster.");
        var name = "survey_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase("postgres", builder.ConnectionString, NewFolder(), admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "survey-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
