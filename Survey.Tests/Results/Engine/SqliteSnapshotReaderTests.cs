using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Survey.Api.Infrastructure;
using Survey.Api.Results.Engine;
using Survey.Core.Patterns;
using Survey.Core.Questionnaires;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Results.Engine;

/// <summary>
/// The start-up read on SQLite (<see cref="SqliteSnapshotReader"/>, through <see cref="ResponseSnapshots.ReadAllRowsAsync"/>)
/// holds exactly what the general read holds (<see cref="ResponseSnapshots.ReadNewRowsAsync"/> into an empty snapshot:
/// ADO.NET, the minute computed by SQLite, texts joined to their rows): every row's number, minute, mode and masks, and
/// every text with its row, in order; also when rows are numbered in another order than they were written, and when a
/// row it does not expect sends it back to the general read.
/// </summary>
public sealed class SqliteSnapshotReaderTests : IDisposable
{
    private const string Id = "resident-satisfaction";
    private readonly TemporaryFolder folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_start_up_read_holds_what_the_general_read_holds(bool numberedOutOfWritingOrder)
    {
        var (connectionString, layout) = await CreateAsync();
        var random = new Random(20261126);
        var rows = Enumerable.Range(0, 3000).Select(i => RandomRow(layout, random, i)).ToList();
        await StoreAsync(connectionString, layout, rows, numberedOutOfWritingOrder ? random : null);

        var (fast, general) = await ReadBothAsync(connectionString, layout);

        Assert.True(await TakesTheFastReadAsync(connectionString, layout, rows.Count));
        Assert.Equal(rows.Count, fast.Count);
        AssertSame(general, fast);
        Assert.True(fast.TextKeys.Sum(k => fast.Texts(k.Question, k.Option).Count) > 500, "the data should have many texts");
    }

    [Theory]
    [InlineData("2026-03-05T10:07:00")] // another separator
    [InlineData("2026-03-05 10:07:00+08:00")] // an offset, which SQLite applies
    [InlineData("2026-02-30 10:07:00")] // a day SQLite carries into March
    [InlineData("1969-12-31 23:59:59.5")] // before 1970
    public async Task A_time_in_another_form_is_read_as_the_general_read_reads_it(string storedTime)
    {
        var (connectionString, layout) = await CreateAsync();
        var random = new Random(7);
        var rows = Enumerable.Range(0, 50).Select(i => RandomRow(layout, random, i)).ToList();
        await StoreAsync(connectionString, layout, rows, null);
        await ExecuteAsync(connectionString, """UPDATE responses SET "SubmittedAt" = @time WHERE "Seq" = 20""", ("time", storedTime));

        var (fast, general) = await ReadBothAsync(connectionString, layout);

        Assert.False(await TakesTheFastReadAsync(connectionString, layout, rows.Count));
        Assert.Equal(rows.Count, fast.Count);
        AssertSame(general, fast);
    }

    [Fact]
    public async Task An_id_that_is_not_a_guid_is_read_as_the_general_read_reads_it()
    {
        var (connectionString, layout) = await CreateAsync();
        var random = new Random(8);
        var rows = Enumerable.Range(0, 50).Select(i => RandomRow(layout, random, i)).ToList();
        await StoreAsync(connectionString, layout, rows, null);
        await ExecuteAsync(connectionString, "PRAGMA foreign_keys = OFF; " +
            """UPDATE response_texts SET "ResponseId" = 'imported-7' WHERE "ResponseId" = (SELECT "Id" FROM responses WHERE "Seq" = 7); """ +
            """UPDATE responses SET "Id" = 'imported-7' WHERE "Seq" = 7""");

        var (fast, general) = await ReadBothAsync(connectionString, layout);

        Assert.False(await TakesTheFastReadAsync(connectionString, layout, rows.Count));
        Assert.Equal(rows.Count, fast.Count);
        AssertSame(general, fast);
    }

    [Theory]
    [InlineData("2026-03-05 10:07:00", 2026, 3, 5, 10, 7)]
    [InlineData("2026-03-05 10:07:59.9999999", 2026, 3, 5, 10, 7)]
    [InlineData("2000-01-01 00:00:00", 2000, 1, 1, 0, 0)]
    [InlineData("1999-12-31 23:59:30", 2000, 1, 1, 0, 0)] // 30 s before the epoch: SQLite's integer division truncates toward zero
    [InlineData("1999-12-31 23:58:30", 2000, 1, 1, 0, -1)]
    public void A_stored_time_gives_the_minute_SQLite_gives(string stored, int year, int month, int day, int hour, int minute)
    {
        // Expected: whole minutes from 2000-01-01 00:00 UTC (the snapshot's epoch), counted by hand from the calendar.
        var expected = (int)(new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Utc) - new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalMinutes + minute;
        Assert.Equal(expected, SqliteSnapshotReader.MinuteOf(System.Text.Encoding.UTF8.GetBytes(stored)));
    }

    [Theory]
    [InlineData("2026-03-05T10:07:00")]
    [InlineData("2026-03-05 10:07:00Z")]
    [InlineData("2026-03-05 10:07:00+08:00")]
    [InlineData("2026-02-30 10:07:00")]
    [InlineData("2026-03-05 24:00:00")]
    [InlineData("2026-03-05 10:07")]
    [InlineData("2026-03-05 10:07:00.")]
    [InlineData("1969-12-31 23:59:59")]
    [InlineData("")]
    public void A_time_in_any_other_form_is_left_to_the_general_read(string stored) =>
        Assert.Null(SqliteSnapshotReader.MinuteOf(System.Text.Encoding.UTF8.GetBytes(stored)));

    private sealed record Row(Guid Id, string SubmittedAt, byte[]? Patterns, int Mode, List<(string Question, string? Option, string Text)> Texts);

    private static Row RandomRow(AnswerLayout layout, Random random, int i)
    {
        var questionnaire = layout.Questionnaire;
        var answers = new Dictionary<string, IReadOnlyList<string>>();
        var texts = new List<(string, string?, string)>();
        foreach (var question in questionnaire.Questions)
        {
            if (question.Type == QuestionType.Text)
            {
                if (random.Next(3) == 0) texts.Add((question.Id, null, Words(random)));
                continue;
            }
            if (random.Next(4) == 0) continue;
            var options = question.OptionList.Where(_ => random.Next(3) == 0).Take(question.Type == QuestionType.Single ? 1 : 99).ToList();
            if (options.Count == 0) continue;
            answers[question.Id] = options.Select(o => o.Id).ToList();
            foreach (var option in options.Where(o => o.AllowsText && random.Next(2) == 0)) texts.Add((question.Id, option.Id, Words(random)));
        }
        if (random.Next(50) == 0) texts.Add(("no-such-question", "other", "a key the questionnaire does not have"));
        // Times as Microsoft.Data.Sqlite writes a DateTime: whole seconds, or with a fraction of up to 7 digits.
        var time = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next(0, 90 * 24 * 3600)).AddTicks(random.Next(2) == 0 ? 0 : random.Next(1, 10_000_000));
        return new Row(Guid.NewGuid(), time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF").TrimEnd('.'), random.Next(40) == 0 ? null : layout.Encode(answers),
            random.Next(3), texts);
    }

    /// <summary>A few words, often the same ones (texts are interned) and sometimes new, with characters of every UTF-8 length.</summary>
    private static string Words(Random random) => random.Next(4) switch
    {
        0 => "修路",
        1 => $"意见{random.Next(50)} — café 𠀀",
        2 => $"<b>{random.Next(1_000_000)}</b>",
        _ => new string('长', random.Next(1, 400)),
    };

    private async Task<(string ConnectionString, AnswerLayout Layout)> CreateAsync()
    {
        var connectionString = $"Data Source={Path.Combine(folder.Path, Guid.NewGuid() + ".db")}";
        var questionnaire = QuestionnaireCatalog.LoadFolder(RepositoryPaths.Questionnaires, NullLogger.Instance).Find(Id)!;
        await using var services = new ServiceCollection().AddSurveyDatabase(connectionString).AddSingleton<AnswerLayouts>().BuildServiceProvider();
        await services.MigrateSurveyDatabaseAsync();
        return (connectionString, await services.GetRequiredService<AnswerLayouts>().GetAsync(questionnaire));
    }

    /// <summary>
    /// Writes the rows in order, each with its texts; numbered in that order, or (like responses converted from the old
    /// format) in a shuffled order, so the texts' table order is not the rows' order.
    /// </summary>
    private static async Task StoreAsync(string connectionString, AnswerLayout layout, List<Row> rows, Random? shuffle)
    {
        var seqs = Enumerable.Range(1, rows.Count).ToArray();
        shuffle?.Shuffle(seqs);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            await using (var insert = connection.CreateCommand())
            {
                insert.CommandText = """
                    INSERT INTO responses ("Id", "QuestionnaireId", "QuestionnaireVersion", "SubmittedAt", "Patterns", "Seq", "Mode")
                    VALUES (@id, @questionnaire, 1, @time, @patterns, @seq, @mode)
                    """;
                insert.Parameters.AddWithValue("id", row.Id.ToString().ToUpperInvariant());
                insert.Parameters.AddWithValue("questionnaire", layout.Questionnaire.Id);
                insert.Parameters.AddWithValue("time", row.SubmittedAt);
                insert.Parameters.AddWithValue("patterns", (object?)row.Patterns ?? DBNull.Value);
                insert.Parameters.AddWithValue("seq", seqs[i]);
                insert.Parameters.AddWithValue("mode", row.Mode);
                await insert.ExecuteNonQueryAsync();
            }
            foreach (var (question, option, text) in row.Texts)
            {
                await using var insert = connection.CreateCommand();
                insert.CommandText = """
                    INSERT INTO response_texts ("ResponseId", "QuestionnaireId", "QuestionId", "OptionId", "Text")
                    VALUES (@id, @questionnaire, @question, @option, @text)
                    """;
                insert.Parameters.AddWithValue("id", row.Id.ToString().ToUpperInvariant());
                insert.Parameters.AddWithValue("questionnaire", layout.Questionnaire.Id);
                insert.Parameters.AddWithValue("question", question);
                insert.Parameters.AddWithValue("option", (object?)option ?? DBNull.Value);
                insert.Parameters.AddWithValue("text", text);
                await insert.ExecuteNonQueryAsync();
            }
        }
        await transaction.CommitAsync();
    }

    private static async Task ExecuteAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Whether <see cref="SqliteSnapshotReader"/> reads these rows itself (else it leaves them to the general read, appending none).</summary>
    private static async Task<bool> TakesTheFastReadAsync(string connectionString, AnswerLayout layout, int count)
    {
        var columns = new ResponseColumns(layout);
        await using var rows = new SqliteConnection(connectionString);
        await using var texts = new SqliteConnection(connectionString);
        await rows.OpenAsync();
        await texts.OpenAsync();
        var read = await SqliteSnapshotReader.ReadAllAsync(rows, texts, layout.Questionnaire.Id, columns, 0, count, default);
        Assert.Equal(read is null ? -1 : count - 1, columns.PendingRowOf(count));
        return read is not null;
    }

    /// <summary>The start-up read as the server makes it (rows and texts on two connections) and the general read.</summary>
    private static async Task<(ResponseColumns Fast, ResponseColumns General)> ReadBothAsync(string connectionString, AnswerLayout layout)
    {
        var fast = new ResponseColumns(layout);
        var general = new ResponseColumns(layout);
        await using var rows = new SqliteConnection(connectionString);
        await using var texts = new SqliteConnection(connectionString);
        await rows.OpenAsync();
        await texts.OpenAsync();
        await ResponseSnapshots.ReadAllRowsAsync(rows, texts, layout.Questionnaire.Id, fast, default);
        await ResponseSnapshots.ReadNewRowsAsync(rows, layout.Questionnaire.Id, general, default);
        return (fast, general);
    }

    private static void AssertSame(ResponseColumns expected, ResponseColumns actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.HighestSeq, actual.HighestSeq);
        for (var row = 0; row < expected.Count; row++)
        {
            Assert.Equal(expected.Seq(row), actual.Seq(row));
            Assert.Equal(expected.Minute(row), actual.Minute(row));
            Assert.Equal(expected.Mode(row), actual.Mode(row));
            for (var q = 0; q < expected.Masks.Length; q++) Assert.Equal(expected.Masks[q].Get(row), actual.Masks[q].Get(row));
        }
        foreach (var (question, option) in expected.TextKeys)
        {
            var (expectedRows, expectedNumbers, expectedCount) = expected.Texts(question, option).Read();
            var (actualRows, actualNumbers, actualCount) = actual.Texts(question, option).Read();
            Assert.Equal(expectedCount, actualCount);
            for (var i = 0; i < expectedCount; i++)
            {
                Assert.Equal(expectedRows[i], actualRows[i]);
                Assert.Equal(expected.Text(expectedNumbers[i]), actual.Text(actualNumbers[i]));
            }
        }
    }
}
