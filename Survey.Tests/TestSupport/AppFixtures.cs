namespace Survey.Tests.TestSupport;

/// <summary>xunit class fixture: the application on a fresh SQLite file.</summary>
public sealed class SqliteApp() : SurveyAppFactory(TestDatabase.CreateSqlite());

/// <summary>xunit class fixture: the application on a fresh PostgreSQL database (created in the cluster script/test started).</summary>
public sealed class PostgresApp() : SurveyAppFactory(TestDatabase.CreatePostgresAsync().GetAwaiter().GetResult());
