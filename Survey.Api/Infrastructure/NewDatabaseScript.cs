using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Survey.Api.Infrastructure;

/// <summary>
/// Creates the schema of a new database (one without the migrations' history table) from the script of every migration
/// that EF Core generates (<c>Infrastructure/Migrations/{Postgres,Sqlite}/NewDatabase.sql</c>, embedded), in one
/// transaction. It is the SQL EF Core's migrator would send for the same migrations, history rows included, without
/// what the migrator spends before sending it: its services, the history table's model, each migration's target model
/// and the SQL generated from them, about 0.35 s of every first start and of an import into a new database (measured).
/// <see cref="MigrationScaffolding"/> writes the script with each new migration, and
/// <c>Infrastructure/MigrationScaffoldingTests</c> fails when it is not what EF Core generates now. A database with
/// some migrations applied is migrated by EF Core, as before.
/// </summary>
public static class NewDatabaseScript
{
    public const string FileName = "NewDatabase.sql";

    /// <summary>The provider's script, as embedded from <see cref="MigrationScaffolding.NewDatabaseScriptFile"/>.</summary>
    public static string For(DatabaseProvider provider)
    {
        var name = $"Survey.Api.Infrastructure.Migrations.{provider}.{FileName}";
        using var reader = new StreamReader(typeof(NewDatabaseScript).Assembly.GetManifestResourceStream(name)
                                            ?? throw new InvalidOperationException($"{name} is not embedded in the build"));
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Creates the schema if the database is still new once this holds the migration lock (PostgreSQL: the advisory lock;
    /// SQLite: the write lock of an immediate transaction); false, with nothing changed, if it is not (another instance
    /// created it first, or it was never new): then EF Core's migrator takes it from there.
    /// </summary>
    public static async Task<bool> TryCreateAsync(SurveyConnections connections, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var postgres = connections.Provider == DatabaseProvider.Postgres;
        if (postgres) await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({SurveyDatabase.MigrationLock})", cancellationToken);
        try
        {
            await using var transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: false)
                : await connection.BeginTransactionAsync(cancellationToken);
            if (await SurveyDatabase.HasHistoryTableAsync(connection, transaction, cancellationToken)) return false;
            // SQLite's script rebuilds a table once (EF Core's way of altering a column there), between PRAGMA
            // foreign_keys statements that do nothing inside a transaction: harmless here, every table is empty.
            await ExecuteAsync(connection, transaction, For(connections.Provider), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        finally
        {
            if (postgres) await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({SurveyDatabase.MigrationLock})", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
