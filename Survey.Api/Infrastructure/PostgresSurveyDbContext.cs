namespace Survey.Api.Infrastructure;

/// <summary>Production: PostgreSQL through Npgsql. Migrations in Infrastructure/Migrations/Postgres.</summary>
public sealed class PostgresSurveyDbContext(DbContextOptions<PostgresSurveyDbContext> options) : SurveyDbContext(options);
