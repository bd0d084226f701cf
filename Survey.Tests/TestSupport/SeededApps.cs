using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Infrastructure;
using Survey.Core.Questionnaires;

namespace Survey.Tests.TestSupport;

/// <summary>
/// The application with a fixed synthetic dataset for each shipped questionnaire, inserted straight into the
/// database in batches (the HTTP submission path has its own tests; this is about what is computed from the data).
/// <see cref="Generated"/> keeps the responses so tests can count independently what the server reports.
/// </summary>
public abstract class SeededApp(TestDatabase database, int responsesPerQuestionnaire) : SurveyAppFactory(database), IAsyncLifetime
{
    public static readonly string[] SeededQuestionnaires = ["grassroots-service", "resident-satisfaction"];

    public Dictionary<string, List<SyntheticResponses.Generated>> Generated { get; } = [];

    public Questionnaire Questionnaire(string id) => Services.GetRequiredService<QuestionnaireCatalog>().Find(id)!;

    public async Task InitializeAsync()
    {
        foreach (var (id, seed) in SeededQuestionnaires.Select((id, index) => (id, 20261125 + index)))
        {
            var questionnaire = Questionnaire(id);
            var generated = SyntheticResponses.Generate(questionnaire, responsesPerQuestionnaire, seed);
            Generated[id] = generated;
            await GeneratedResponseEntities.BulkLoadAsync(Services, questionnaire, generated);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>xunit class fixture: 600 synthetic responses per shipped questionnaire on SQLite.</summary>
public sealed class SeededSqliteApp() : SeededApp(TestDatabase.CreateSqlite(), 600);

/// <summary>xunit class fixture: 600 synthetic responses per shipped questionnaire on PostgreSQL.</summary>
public sealed class SeededPostgresApp() : SeededApp(TestDatabase.CreatePostgresAsync().GetAwaiter().GetResult(), 600);

/// <summary>xunit class fixture: 20,000 synthetic responses per shipped questionnaire on SQLite (the size check).</summary>
public sealed class TwentyThousandSqliteApp() : SeededApp(TestDatabase.CreateSqlite(), 20_000);

/// <summary>xunit class fixture: 20,000 synthetic responses per shipped questionnaire on PostgreSQL.</summary>
public sealed class TwentyThousandPostgresApp() : SeededApp(TestDatabase.CreatePostgresAsync().GetAwaiter().GetResult(), 20_000);
