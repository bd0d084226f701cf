using System.Data.Common;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Infrastructure;
using Survey.Core.Questionnaires;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Infrastructure;

/// <summary>
/// A database of the first schema (InitialCreate: one response_answers row per chosen option) holding responses is
/// migrated and converted at start-up: every response gets a number (its texts carry it too) and a pattern, the old rows are gone, and the
/// results (with a break-down, a filter and texts) are identical to those of the same responses stored natively in
/// the new format, and equal an independent recount.
/// </summary>
public abstract class LegacyAnswerConversionTests
{
    private const string Id = "grassroots-service";

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task Old_rows_are_converted_and_the_results_do_not_change()
    {
        await using var fresh = new SurveyAppFactory(await CreateDatabaseAsync());
        var questionnaire = fresh.Services.GetRequiredService<QuestionnaireCatalog>().Find(Id)!;
        var generated = SyntheticResponses.Generate(questionnaire, 700, seed: 11);
        var times = generated.Select((_, i) => new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddMinutes(i * 37)).ToList();

        var legacy = await CreateDatabaseAsync();
        await SeedOldSchemaAsync(legacy, questionnaire, generated, times);
        await using var migrated = new SurveyAppFactory(legacy);

        // The same responses stored in the new format from the start.
        await fresh.InsertAsync(Id, generated.Select((g, i) => (times[i], g.Answers)));
        await fresh.QueryAsync(async db =>
        {
            var ids = await db.Responses.OrderBy(r => r.Seq).Select(r => r.Id).ToListAsync();
            for (var i = 0; i < generated.Count; i++)
            {
                foreach (var (question, text) in generated[i].OtherText)
                    db.Texts.Add(new() { ResponseId = ids[i], QuestionnaireId = Id, QuestionId = question, OptionId = questionnaire.FindQuestion(question)!.OptionList.First(o => o.AllowsText).Id, Text = text });
                foreach (var (question, text) in generated[i].Text)
                    db.Texts.Add(new() { ResponseId = ids[i], QuestionnaireId = Id, QuestionId = question, Text = text });
            }
            return await db.SaveChangesAsync();
        });

        Assert.Equal(0, await migrated.QueryAsync(db => db.LegacyAnswers.CountAsync()));
        Assert.Equal(Enumerable.Range(1, generated.Count).Select(i => (long?)i),
            await migrated.QueryAsync(db => db.Responses.OrderBy(r => r.SubmittedAt).Select(r => r.Seq).ToListAsync()));
        // Their texts carry the numbers too (the start-up read finds texts by them).
        var texts = await migrated.QueryAsync(db => (from t in db.Texts join r in db.Responses on t.ResponseId equals r.Id select new { TextSeq = t.Seq, r.Seq }).ToListAsync());
        Assert.Equal(generated.Sum(g => g.OtherText.Count + g.Text.Count), texts.Count);
        Assert.All(texts, t => Assert.Equal(t.Seq, t.TextSeq));

        foreach (var query in new[] { "", "?by=identity", "?by=identity&where=necessity:very-necessary&from=2026-03-05&to=2026-03-15", "?base=shown" })
        {
            var url = $"/api/questionnaires/{Id}/results{query}";
            var before = await Json(fresh, url);
            var after = await Json(migrated, url);
            Assert.Equal(before, after);
        }
        var all = JsonDocument.Parse(await Json(migrated, $"/api/questionnaires/{Id}/results")).RootElement;
        Assert.Equal(generated.Count, all.GetProperty("responses").GetInt64());
        var identity = all.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("questionId").GetString() == "identity");
        foreach (var option in identity.GetProperty("options").EnumerateArray())
            Assert.Equal(generated.Count(g => g.Answers["identity"][0] == option.GetProperty("optionId").GetString()), option.GetProperty("count").GetInt64());
    }

    private static async Task<string> Json(SurveyAppFactory app, string url) =>
        (await app.CreateOrganiserClient().GetFromJsonAsync<JsonElement>(url)).GetRawText();

    /// <summary>Migrates to InitialCreate only and writes responses the way the first version stored them.</summary>
    private static async Task SeedOldSchemaAsync(TestDatabase database, Questionnaire questionnaire, List<SyntheticResponses.Generated> generated, List<DateTime> times)
    {
        var services = new ServiceCollection().AddSurveyDatabase(database.ConnectionString).BuildServiceProvider();
        await using (services)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            await db.GetService<IMigrator>().MigrateAsync("InitialCreate");
            var sqlite = database.Kind == "sqlite";
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            for (var i = 0; i < generated.Count; i++)
            {
                object id = sqlite ? Guid.NewGuid().ToString().ToUpperInvariant() : Guid.NewGuid();
                await ExecuteAsync(connection, transaction, """INSERT INTO responses ("Id", "QuestionnaireId", "QuestionnaireVersion", "SubmittedAt") VALUES (@a, @b, 1, @c)""", id, questionnaire.Id, times[i]);
                foreach (var (question, options) in generated[i].Answers)
                    foreach (var option in options)
                        await ExecuteAsync(connection, transaction, """INSERT INTO response_answers ("ResponseId", "QuestionnaireId", "QuestionId", "OptionId") VALUES (@a, @b, @c, @d)""", id, questionnaire.Id, question, option);
                foreach (var (question, text) in generated[i].OtherText)
                    await ExecuteAsync(connection, transaction, """INSERT INTO response_texts ("ResponseId", "QuestionnaireId", "QuestionId", "OptionId", "Text") VALUES (@a, @b, @c, @d, @e)""",
                        id, questionnaire.Id, question, questionnaire.FindQuestion(question)!.OptionList.First(o => o.AllowsText).Id, text);
                foreach (var (question, text) in generated[i].Text)
                    await ExecuteAsync(connection, transaction, """INSERT INTO response_texts ("ResponseId", "QuestionnaireId", "QuestionId", "OptionId", "Text") VALUES (@a, @b, @c, NULL, @d)""", id, questionnaire.Id, question, text);
            }
            await transaction.CommitAsync();
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, params object[] values)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = ((char)('a' + i)).ToString();
            parameter.Value = values[i];
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class LegacyAnswerConversionSqliteTests : LegacyAnswerConversionTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class LegacyAnswerConversionPostgresTests : LegacyAnswerConversionTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgresAsync();
}
