using System.Data.Common;
using Survey.Api.Infrastructure;

namespace Survey.Api.Results.Engine;

/// <summary>
/// The responses of a questionnaire an organiser has set aside (<c>set_asides</c> not restored), as a bit per snapshot
/// row for the pass to skip. Brought up to date with the snapshot on every refresh: one small query reads the
/// set-asides' version (their highest id and how many were restored: both only grow, so any set-aside or restore
/// changes it), and only a new version reads the numbers again. The version is part of every memo key, so a pass
/// counted before a set-aside is never served after it, on this instance or another.
/// </summary>
public sealed class SetAsideRows
{
    private HashSet<long> seqs = [];
    private int rowsMapped = -1;

    /// <summary>
    /// The version ("highest id:restored count"; "0:0" when nothing was ever set aside) and the rows it excludes (null
    /// when none), replaced together so a reader never pairs one version with another's rows.
    /// </summary>
    public sealed record Exclusion(string Version, ulong[]? Rows);

    public Exclusion Current { get; private set; } = new("0:0", null);

    private string Version => Current.Version;

    /// <summary>Reads the version (and on a change the numbers) and maps them onto the snapshot's rows. True when what is excluded changed.</summary>
    public async Task<bool> RefreshAsync(DbConnection connection, string questionnaireId, ResponseColumns columns, CancellationToken cancellationToken)
    {
        string version;
        await using (var command = Command(connection, """
            SELECT COALESCE(MAX("Id"), 0), COUNT("RestoredAt") FROM set_asides WHERE "QuestionnaireId" = @questionnaire
            """, questionnaireId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            version = $"{reader.GetInt64(0)}:{reader.GetInt64(1)}";
        }
        var changed = version != Version;
        if (changed)
        {
            var read = new HashSet<long>();
            await using var command = Command(connection, """
                SELECT r."Seq" FROM set_aside_responses r JOIN set_asides s ON s."Id" = r."SetAsideId"
                WHERE s."QuestionnaireId" = @questionnaire AND s."RestoredAt" IS NULL
                """, questionnaireId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) read.Add(reader.GetInt64(0));
            seqs = read;
        }
        if (changed || rowsMapped != columns.Count)
        {
            // Rows never move once published: when only rows were added, the bits of those held before stay as they are.
            var earlier = changed ? null : Current.Rows;
            Current = new Exclusion(version, seqs.Count == 0 ? null : Map(columns, earlier, earlier is null ? 0 : rowsMapped));
            rowsMapped = columns.Count;
        }
        return changed;
    }

    /// <summary>
    /// A bit per row whose number is set aside: <paramref name="earlier"/>'s bits for the rows before
    /// <paramref name="from"/>, each later row looked up by its number (rows are not in number order across refreshes).
    /// </summary>
    private ulong[] Map(ResponseColumns columns, ulong[]? earlier, int from)
    {
        var rows = columns.Count;
        var bits = new ulong[(rows >> 6) + 1];
        if (earlier is not null) Array.Copy(earlier, bits, Math.Min(earlier.Length, bits.Length));
        for (var row = from; row < rows; row++)
            if (seqs.Contains(columns.Seq(row))) bits[row >> 6] |= 1UL << row;
        return bits;
    }

    private static DbCommand Command(DbConnection connection, string sql, string questionnaireId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.AddParameter("questionnaire", questionnaireId);
        return command;
    }
}
