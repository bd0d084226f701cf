using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Survey.Api.Infrastructure;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Infrastructure;

/// <summary>
/// A new database gets from the migrations' script exactly what EF Core's migrator gives it (tables, columns, defaults,
/// indexes, constraints, sequences, history rows); a database with a history is left to the migrator; instances
/// starting together on a new database create the schema once.
/// </summary>
public abstract class NewDatabaseScriptTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();
    protected abstract SurveyConnections Connections(string connectionString);
    protected abstract DbContext Context(string connectionString);

    /// <summary>The schema as the database describes it, one line per object, in a fixed order.</summary>
    protected abstract string SchemaQuery { get; }

    [Fact]
    public async Task A_new_database_gets_the_schema_and_history_the_migrator_gives()
    {
        await using var scripted = await CreateDatabaseAsync();
        await using var migrated = await CreateDatabaseAsync();

        Assert.True(await NewDatabaseScript.TryCreateAsync(Connections(scripted.ConnectionString)));
        await using (var db = Context(migrated.ConnectionString)) await db.Database.MigrateAsync();

        var expected = await LinesAsync(migrated.ConnectionString, SchemaQuery);
        Assert.True(expected.Count > 20, $"{expected.Count} schema lines"); // a dozen tables and their indexes: the query reads something
        Assert.Equal(expected, await LinesAsync(scripted.ConnectionString, SchemaQuery));
        Assert.Equal(await HistoryAsync(migrated.ConnectionString), await HistoryAsync(scripted.ConnectionString));
        Assert.True(await SurveyDatabase.AllMigrationsAppliedAsync(Connections(scripted.ConnectionString)));
    }

    [Fact]
    public async Task A_database_with_a_history_is_left_to_the_migrator()
    {
        await using var database = await CreateDatabaseAsync();
        await using (var db = Context(database.ConnectionString))
            await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First());

        Assert.False(await NewDatabaseScript.TryCreateAsync(Connections(database.ConnectionString)));

        Assert.Single(await HistoryAsync(database.ConnectionString));
    }

    [Fact]
    public async Task Two_instances_starting_on_a_new_database_create_the_schema_once()
    {
        await using var database = await CreateDatabaseAsync();

        var created = await Task.WhenAll(Task.Run(() => NewDatabaseScript.TryCreateAsync(Connections(database.ConnectionString))),
            Task.Run(() => NewDatabaseScript.TryCreateAsync(Connections(database.ConnectionString))));

        Assert.Equal(1, created.Count(c => c));
        Assert.True(await SurveyDatabase.AllMigrationsAppliedAsync(Connections(database.ConnectionString)));
    }

    private Task<List<string>> HistoryAsync(string connectionString) =>
        LinesAsync(connectionString, $"""SELECT "MigrationId" || ' ' || "ProductVersion" FROM {SurveyDatabase.MigrationsHistoryTable} ORDER BY 1""");

    private async Task<List<string>> LinesAsync(string connectionString, string query)
    {
        await using var connection = await Connections(connectionString).OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = query;
        var lines = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return lines;
    }
}

public sealed class NewDatabaseScriptSqliteTests : NewDatabaseScriptTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());

    protected override SurveyConnections Connections(string connectionString) =>
        new(new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30, Pooling = false }.ToString());

    protected override DbContext Context(string connectionString)
    {
        var options = new DbContextOptionsBuilder<SqliteSurveyDbContext>();
        SurveyDatabase.ConfigureSqlite(options, connectionString + ";Pooling=false");
        return new SqliteSurveyDbContext(options.Options);
    }

    // SQLite keeps each table's and index's definition as its CREATE statement (rewritten by later ALTERs). Not compared:
    // the lock table EF Core's SQLite migrator makes for itself while it runs (it makes it again whenever it migrates).
    protected override string SchemaQuery =>
        "SELECT type || ' ' || name || ' ' || tbl_name || ' ' || coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsLock' ORDER BY 1";
}

public sealed class NewDatabaseScriptPostgresTests : NewDatabaseScriptTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgresAsync();

    protected override SurveyConnections Connections(string connectionString) => new(NpgsqlDataSource.Create(connectionString));

    protected override DbContext Context(string connectionString)
    {
        var options = new DbContextOptionsBuilder<PostgresSurveyDbContext>();
        SurveyDatabase.ConfigurePostgres(options, connectionString);
        return new PostgresSurveyDbContext(options.Options);
    }

    protected override string SchemaQuery => """
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length::text, '-')
               || ' ' || is_nullable || ' ' || coalesce(column_default, '-') || ' ' || coalesce(identity_generation, '-')
        FROM information_schema.columns WHERE table_schema = 'public'
        UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
        UNION ALL SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace
        UNION ALL SELECT 'sequence ' || sequencename || ' ' || start_value || ' ' || increment_by FROM pg_sequences WHERE schemaname = 'public'
        ORDER BY 1
        """;
}
