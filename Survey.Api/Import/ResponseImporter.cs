using System.Data.Common;
using System.Threading.Channels;
using Survey.Api.Infrastructure;
using Survey.Api.Model;
using Survey.Api.Responses;
using Survey.Core.Patterns;

namespace Survey.Api.Import;

/// <summary>
/// Stores every line of an import in one transaction, or nothing: lines are validated as they are read and the
/// valid ones written in chunks by a second task (PostgreSQL binary COPY or SQLite prepared inserts,
/// <see cref="ResponseRowWriter"/>) while the next chunk is parsed; at the first invalid line writing stops, the
/// rest of the file is still checked so every bad line is reported, and the transaction is rolled back. Chunks hold
/// the compact stored rows (<see cref="ImportedLine.Row"/>, made by the source as it parses the line, or
/// here), not the parsed submissions: those die young, which keeps the collector's work and the memory small.
/// </summary>
public static class ResponseImporter
{
    public const int ChunkSize = 5000;

    /// <summary>
    /// The first chunk's size (chunks then double up to <see cref="ChunkSize"/>): the database starts on the first rows
    /// while the rest are parsed, instead of idling through a whole chunk parsed by code not yet warm. The smallest
    /// chunk PostgreSQL takes by COPY (<see cref="ResponseRowWriter.CopyFrom"/>).
    /// </summary>
    public const int FirstChunkSize = ResponseRowWriter.CopyFrom;

    public sealed record Outcome(int Imported, IReadOnlyList<ImportedLine> Rejected);

    /// <param name="connection">Open; a plain connection (<see cref="SurveyConnections"/>) or a context's.</param>
    public static async Task<Outcome> ImportAsync(DbConnection connection, AnswerLayout layout, IEnumerable<ImportedLine> lines,
        ImportProgress? progress, CancellationToken cancellationToken)
    {
        // One transaction for the whole file; on SQLite it holds the questionnaire's sequence counter, so the API's
        // writes to the same questionnaire wait until the import commits or rolls back.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var chunks = Channel.CreateBounded<List<SurveyResponse>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var writer = Task.Run(async () =>
        {
            try
            {
                await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken))
                    await ResponseRowWriter.WriteRowsAsync(transaction, layout.Questionnaire.Id, chunk, cancellationToken);
            }
            catch (Exception exception)
            {
                chunks.Writer.TryComplete(exception); // stops the reading side at its next chunk
                throw;
            }
        }, cancellationToken);

        var rejected = new List<ImportedLine>();
        var valid = 0;
        var chunk = new List<SurveyResponse>(FirstChunkSize);
        try
        {
            foreach (var line in lines)
            {
                if (!line.IsValid) rejected.Add(line);
                else if (rejected.Count == 0)
                {
                    valid++;
                    chunk.Add(line.Row ?? line.Response!.ToEntity(layout));
                    if (chunk.Count == chunk.Capacity)
                    {
                        await chunks.Writer.WriteAsync(chunk, cancellationToken);
                        chunk = new List<SurveyResponse>(Math.Min(ChunkSize, chunk.Count * 2));
                    }
                }
                progress?.Report(valid);
            }
            if (rejected.Count == 0 && chunk.Count > 0) await chunks.Writer.WriteAsync(chunk, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            // The writer failed: its exception is rethrown below.
        }
        chunks.Writer.TryComplete();
        await writer;
        progress?.Finish(valid);

        if (rejected.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new Outcome(0, rejected);
        }
        await transaction.CommitAsync(cancellationToken);
        return new Outcome(valid, rejected);
    }
}
