namespace Survey.Api.Infrastructure;

/// <summary>The embedded default: a SQLite file under ./data/. Migrations in Infrastructure/Migrations/Sqlite.</summary>
public sealed class SqliteSurveyDbContext(DbContextOptions<SqliteSurveyDbContext> options) : SurveyDbContext(options);
