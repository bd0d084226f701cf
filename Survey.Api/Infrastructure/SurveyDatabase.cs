using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Survey.Api.Responses;

namespace Survey.Api.Infrastructure;

/// <summary>
/// Chooses the database from <c>ConnectionStrings:Survey</c> (env <c>ConnectionStrings__Survey</c>): a
/// <c>Host=…</c> string selects PostgreSQL, anything else (<c>Data Source=…</c>) SQLite. Default: data/survey.db.
/// </summary>
public static class SurveyDatabase
{
    public const string DefaultConnectionString = "Data Source=data/survey.db";

    /// <summary>EF Core's record of the migrations applied (both providers).</summary>
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    /// <summary>Session-level advisory lock (PostgreSQL) that serialises the schema changes of instances starting together.</summary>
    public const long MigrationLock = 7310581;

    public static DatabaseProvider DetectProvider(string connectionString) =>
        connectionString.Split(';').Any(part => part.Trim().StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
                                                || part.Trim().StartsWith("Server=", StringComparison.OrdinalIgnoreCase))
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static IServiceCollection AddSurveyDatabase(this IServiceCollection services, string? configured)
    {
        var connectionString = string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured;
        if (DetectProvider(connectionString) == DatabaseProvider.Postgres)
        {
            // One data source (connection pool) for EF and everything else, and the group commit's own (see GroupCommitWriter.DataSource).
            services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(connectionString));
            services.AddSingleton(provider => new SurveyConnections(provider.GetRequiredService<Npgsql.NpgsqlDataSource>()));
            services.AddKeyedSingleton(GroupCommitWriter.DataSourceKey, (_, _) => GroupCommitWriter.DataSource(connectionString));
            // Options built once (singleton), not per request scope: they only name the data source.
            services.AddDbContext<SurveyDbContext, PostgresSurveyDbContext>((provider, options) =>
                options.UseNpgsql(provider.GetRequiredService<Npgsql.NpgsqlDataSource>(), npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable))
                    .ConfigureWarnings(SkipModelDiff), ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        }
        else
        {
            connectionString = PrepareSqlite(connectionString);
            services.AddSingleton(new SurveyConnections(connectionString));
            services.AddDbContext<SurveyDbContext, SqliteSurveyDbContext>(options => ConfigureSqlite(options, connectionString));
        }
        return services;
    }

    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable)).ConfigureWarnings(SkipModelDiff);

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(MigrationsHistoryTable)).ConfigureWarnings(SkipModelDiff);

    /// <summary>
    /// Migrating at start-up does not compare the model with the last migration's snapshot (EF's pending-model-changes
    /// warning builds the design-time model and diffs it on every start); that comparison is a test
    /// (<c>Infrastructure/SurveyDbContextTests</c>) and the scaffolding command's job.
    /// </summary>
    private static void SkipModelDiff(Microsoft.EntityFrameworkCore.Diagnostics.WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning);

    /// <summary>Creates the folder of the SQLite file, and waits on a locked database rather than failing at once.</summary>
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            Directory.CreateDirectory(folder);
        if (builder.DefaultTimeout < 30) builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    /// <summary>
    /// Applies pending migrations (EF Core takes a database lock, so several instances may start together). A database
    /// with every migration applied (nearly every start, and an import into a running survey's database) is found so by
    /// one plain query, without creating an EF Core context; a new one gets the whole schema from the migrations'
    /// script (<see cref="NewDatabaseScript"/>), also without one.
    /// </summary>
    public static async Task MigrateSurveyDatabaseAsync(this IServiceProvider services)
    {
        var connections = services.GetRequiredService<SurveyConnections>();
        if (!await AllMigrationsAppliedAsync(connections) && !await NewDatabaseScript.TryCreateAsync(connections))
        {
            await using var scope = services.CreateAsyncScope();
            await MigrateAsync(scope.ServiceProvider.GetRequiredService<SurveyDbContext>());
        }
        if (connections.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets organisers read while residents submit (kept by the file; set again in case it
            // was restored or copied without it).
            await using var connection = await connections.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task MigrateAsync(SurveyDbContext db)
    {
        if (db is not PostgresSurveyDbContext)
        {
            await db.Database.MigrateAsync();
            return;
        }
        // Instances starting together must not apply the same migration twice. EF's own migration lock on
        // PostgreSQL lasts one migration's transaction, so with several pending migrations a second instance
        // could start the next one too (seen: "column Patterns already exists"). A session-level advisory lock,
        // on the connection EF then migrates through, serialises the whole run.
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLock})");
        try
        {
            await db.Database.MigrateAsync();
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLock})");
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Whether every migration this build knows is recorded as applied: one plain query of the history table, so a
    /// start on an up-to-date database (nearly every start) skips EF's migration run, which builds the history
    /// table's own model, takes a database lock and compiles its queries (about 0.3 s of CPU at every start, measured).
    /// Migrations are never reverted, so once all are applied nothing can become pending. False for a new database (no
    /// history table yet, asked of the catalog rather than found by a failing query): then
    /// <see cref="MigrateSurveyDatabaseAsync"/> creates or migrates it.
    /// </summary>
    public static async Task<bool> AllMigrationsAppliedAsync(SurveyConnections connections)
    {
        // The migrations' ids as EF Core finds them (MigrationsAssembly: [DbContext] and [Migration] on the migration
        // classes), read here by reflection: asking EF for its IMigrationsAssembly builds the whole model first.
        var known = typeof(SurveyDbContext).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(Migration)) && type.GetCustomAttribute<DbContextAttribute>()?.ContextType == connections.ContextType)
            .Select(type => type.GetCustomAttribute<MigrationAttribute>()?.Id)
            .ToList();
        await using var connection = await connections.OpenAsync();
        if (!await HasHistoryTableAsync(connection, null, CancellationToken.None)) return false; // a new database
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""SELECT "MigrationId" FROM {MigrationsHistoryTable}""";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) applied.Add(reader.GetString(0));
        }
        return known.Count > 0 && known.All(id => id is not null && applied.Contains(id));
    }

    /// <summary>Whether the migrations' history table exists, looked up as EF Core's unqualified name resolves (search path).</summary>
    public static async Task<bool> HasHistoryTableAsync(DbConnection connection, DbTransaction? transaction,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = connection is SqliteConnection
            ? $"SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{MigrationsHistoryTable}')"
            : $"SELECT to_regclass('{MigrationsHistoryTable}') IS NOT NULL";
        return Convert.ToBoolean(await command.ExecuteScalarAsync(cancellationToken));
    }
}
