using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Infrastructure;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Infrastructure.Migrations;

/// <summary>
/// The migration that stores each text with its response's number fills the number in for the texts already stored,
/// and leaves it empty for the text of an old-format response not yet numbered (its conversion numbers both).
/// </summary>
public abstract class StoreResponseNumberWithTextsTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task Texts_stored_before_the_migration_get_their_responses_number()
    {
        await using var database = await CreateDatabaseAsync();
        await using var services = new ServiceCollection().AddSurveyDatabase(database.ConnectionString).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("NumberResponsesWithoutLock");

        var sqlite = database.Kind == "sqlite";
        foreach (var (seq, text) in new (long?, string)[] { (7, "七号的话"), (9, "九号的话"), (null, "旧格式的话") })
        {
            // Ids as each provider stores them (EF Core keeps a Guid as upper-case text on SQLite).
            var id = Guid.NewGuid();
            object key = sqlite ? id.ToString().ToUpperInvariant() : id;
            var number = seq is { } value ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "NULL";
            await db.Database.ExecuteSqlRawAsync(
                $$"""INSERT INTO responses ("Id", "QuestionnaireId", "QuestionnaireVersion", "SubmittedAt", "Seq", "Mode") VALUES ({0}, 'grassroots-service', 1, {1}, {{number}}, 0)""",
                key, DateTime.UtcNow);
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO response_texts ("ResponseId", "QuestionnaireId", "QuestionId", "OptionId", "Text") VALUES ({0}, 'grassroots-service', 'suggestions', NULL, {1})""",
                key, text);
        }

        await migrator.MigrateAsync();
        var texts = await db.Texts.AsNoTracking().Select(t => new { t.Text, t.Seq }).ToListAsync();
        Assert.Equal(new Dictionary<string, long?> { ["七号的话"] = 7, ["九号的话"] = 9, ["旧格式的话"] = null }, texts.ToDictionary(t => t.Text, t => t.Seq));
    }
}

public sealed class StoreResponseNumberWithTextsSqliteTests : StoreResponseNumberWithTextsTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class StoreResponseNumberWithTextsPostgresTests : StoreResponseNumberWithTextsTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgresAsync();
}
