using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Survey.Api.Infrastructure;

/// <summary>
/// Per-connection SQLite settings for aggregation over large answer tables: memory-mapped reads and a 64 MB page
/// cache. Measured on 100,000 responses (1.4 million answer rows), the cross-tab self-join took 23.7 s with the
/// defaults (half of it in read() system calls) and 9.1 s with these (sqlite3 CLI, same query, same machine).
/// </summary>
public sealed class SqlitePerformancePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA mmap_size=268435456; PRAGMA cache_size=-65536;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
