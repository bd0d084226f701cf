using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Survey.Tests.TestSupport;

/// <summary>
/// The application with a questionnaire collecting 1-31 March 2026 (Beijing time; "scheduled") and a clock the tests
/// set. The file is written into this fixture's own questionnaires folder, so other fixtures never see it.
/// </summary>
public abstract class ScheduledApp : SurveyAppFactory
{
    public const string Id = "scheduled";
    public static readonly DateTimeOffset OpensAt = new(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(8));
    public static readonly DateTimeOffset ClosesAt = new(2026, 3, 31, 18, 0, 0, TimeSpan.FromHours(8));

    public SettableClock Clock { get; } = new(new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.FromHours(8)));

    protected ScheduledApp(TestDatabase database) : base(database) =>
        File.WriteAllText(Path.Combine(QuestionnairesFolder, Id + ".json"), """
            {
              "id": "scheduled", "version": 1, "title": "三月社区评议",
              "opensAt": "2026-03-01T08:00", "closesAt": "2026-03-31T18:00:00+08:00",
              "questions": [
                { "id": "q", "text": "您对社区服务是否满意", "type": "single", "required": true,
                  "options": [ { "id": "yes", "label": "满意" }, { "id": "no", "label": "不满意" } ] }
              ]
            }
            """);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class ScheduledSqliteApp() : ScheduledApp(TestDatabase.CreateSqlite());

public sealed class ScheduledPostgresApp() : ScheduledApp(TestDatabase.CreatePostgresAsync().GetAwaiter().GetResult());
