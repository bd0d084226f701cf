using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Survey.Api.Infrastructure;

/// <summary>
/// Plain ADO.NET connections to the survey database (the same connection string, and on PostgreSQL the same pool, as
/// EF Core's), for what runs before or without a <see cref="SurveyDbContext"/>: the start-up migration check
/// (<see cref="SurveyDatabase.AllMigrationsAppliedAsync"/>), the answer layouts and <c>script/import</c>. The first
/// context of a process costs about 0.25 s (EF Core's services and the compiled model, measured in an import) before it
/// sends anything; these paths send plain SQL anyway, so on an up-to-date database they need no context at all.
/// </summary>
public sealed class SurveyConnections
{
    private readonly NpgsqlDataSource? postgres;
    private readonly string? sqlite;

    public SurveyConnections(NpgsqlDataSource postgres) => this.postgres = postgres;

    /// <param name="sqlite">The connection string as EF Core's context gets it (SurveyDatabase prepares it).</param>
    public SurveyConnections(string sqlite) => this.sqlite = sqlite;

    public DatabaseProvider Provider => postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    /// <summary>The provider's context type, which its migrations name (<c>[DbContext]</c>).</summary>
    public Type ContextType => postgres is null ? typeof(SqliteSurveyDbContext) : typeof(PostgresSurveyDbContext);

    /// <summary>A new connection, not yet open; the caller disposes it.</summary>
    public DbConnection Create() => postgres?.CreateConnection() ?? (DbConnection)new SqliteConnection(sqlite);

    /// <summary>A new connection, open.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = Create();
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
