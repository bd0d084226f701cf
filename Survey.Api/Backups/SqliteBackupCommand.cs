using Microsoft.Data.Sqlite;
using Survey.Api.Infrastructure;

namespace Survey.Api.Backups;

/// <summary>
/// <c>dotnet Survey.Api.dll backup &lt;file&gt;</c> and <c>restore &lt;file&gt;</c> (script/backup, script/restore) for
/// the embedded SQLite database named by <c>ConnectionStrings:Survey</c>. Both use SQLite's online backup API
/// (<see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>): the copy is one consistent snapshot even while
/// the server is writing, holding every response committed before it and none half-written. The backup is written
/// beside the target, checked (<c>PRAGMA integrity_check</c>) and only then renamed into place. PostgreSQL is
/// backed up with pg_dump instead (README "Backups").
/// </summary>
public static class SqliteBackupCommand
{
    public static int Run(string verb, string file, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        var configured = configuration.GetConnectionString("Survey");
        var connectionString = string.IsNullOrWhiteSpace(configured) ? SurveyDatabase.DefaultConnectionString : configured;
        if (SurveyDatabase.DetectProvider(connectionString) == DatabaseProvider.Postgres)
        {
            error.WriteLine($"{verb}: the database is PostgreSQL; use pg_dump / pg_restore (README \"Backups\").");
            return 2;
        }
        var database = new SqliteConnectionStringBuilder(connectionString).DataSource;
        try
        {
            if (verb == "backup") Copy(database, file, checkSchema: false);
            else
            {
                if (!File.Exists(file)) throw new InvalidOperationException($"no backup file {file}");
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(database))!);
                Copy(file, database, checkSchema: true);
            }
        }
        catch (Exception exception) when (exception is SqliteException or InvalidOperationException or IOException)
        {
            error.WriteLine($"{verb}: {exception.Message}");
            return 1;
        }
        output.WriteLine(verb == "backup" ? $"backup: {database} -> {file}" : $"restore: {file} -> {database}");
        return 0;
    }

    private static void Copy(string from, string to, bool checkSchema)
    {
        using var source = Open(from, SqliteOpenMode.ReadOnly);
        if (Scalar(source, "PRAGMA integrity_check") is not "ok") throw new InvalidOperationException($"{from} fails SQLite's integrity check");
        if (checkSchema && Scalar(source, "SELECT count(*) FROM sqlite_master WHERE name = '__ef_migrations_history'") is not 1L)
            throw new InvalidOperationException($"{from} is not a Survey database");
        if (to == from) return;
        // Restoring into the live file goes straight through the backup API (SQLite locks the destination while it
        // copies); a new backup file is written beside its target first, so a failed backup leaves no partial file.
        var restoring = checkSchema;
        var staging = restoring ? to : to + ".partial";
        using (var target = Open(staging, SqliteOpenMode.ReadWriteCreate))
        {
            source.BackupDatabase(target);
            if (!restoring && Scalar(target, "PRAGMA integrity_check") is not "ok") throw new InvalidOperationException("the copy fails SQLite's integrity check");
        }
        SqliteConnection.ClearAllPools();
        if (!restoring) File.Move(staging, to, overwrite: true);
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
