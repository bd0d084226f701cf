using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Infrastructure;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Infrastructure;

/// <summary>Each provider's migrations match the model, and the schema stores nothing that identifies a resident.</summary>
public abstract class SurveyDbContextTests(SurveyAppFactory app)
{
    [Fact]
    public async Task The_migrations_match_the_model_and_are_all_applied()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run script/new-migration");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task The_start_up_check_finds_every_migration_applied()
    {
        Assert.True(await SurveyDatabase.AllMigrationsAppliedAsync(app.Services.GetRequiredService<SurveyConnections>()));
    }

    [Fact]
    public void The_schema_has_no_column_for_an_address_agent_or_account()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        var columns = db.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Select(p => p.GetColumnName().ToLowerInvariant()).ToList();
        Assert.DoesNotContain(columns, c => c.Contains("ip") || c.Contains("agent") || c.Contains("user") || c.Contains("email") || c.Contains("phone"));
    }
}

public sealed class SurveyDbContextSqliteTests(SqliteApp app) : SurveyDbContextTests(app), IClassFixture<SqliteApp>
{
    [Fact]
    public void The_context_uses_the_compiled_model()
    {
        using var scope = app.Services.CreateScope();
        Assert.IsType<Survey.Api.Infrastructure.CompiledModels.Sqlite.SqliteSurveyDbContextModel>(scope.ServiceProvider.GetRequiredService<SurveyDbContext>().Model);
    }

    [Fact]
    public async Task The_start_up_check_sends_a_new_database_and_one_with_a_migration_not_applied_to_be_migrated()
    {
        using var folder = new TemporaryFolder();
        var connectionString = $"Data Source={Path.Combine(folder.Path, "survey.db")};Pooling=false";
        var connections = new SurveyConnections(connectionString);
        var options = new DbContextOptionsBuilder<SqliteSurveyDbContext>();
        SurveyDatabase.ConfigureSqlite(options, connectionString);
        await using (var db = new SqliteSurveyDbContext(options.Options))
        {
            Assert.False(await SurveyDatabase.AllMigrationsAppliedAsync(connections)); // no history table yet
            await db.Database.MigrateAsync();
            Assert.True(await SurveyDatabase.AllMigrationsAppliedAsync(connections));
            var last = (await db.Database.GetAppliedMigrationsAsync()).Last();
            await db.Database.ExecuteSqlAsync($"DELETE FROM __ef_migrations_history WHERE \"MigrationId\" = {last}");
            Assert.False(await SurveyDatabase.AllMigrationsAppliedAsync(connections));
        }
    }

    [Fact]
    public void The_embedded_default_is_sqlite() =>
        Assert.Equal(DatabaseProvider.Sqlite, SurveyDatabase.DetectProvider(SurveyDatabase.DefaultConnectionString));
}

public sealed class SurveyDbContextPostgresTests(PostgresApp app) : SurveyDbContextTests(app), IClassFixture<PostgresApp>
{
    [Fact]
    public void The_context_uses_the_compiled_model()
    {
        using var scope = app.Services.CreateScope();
        Assert.IsType<Survey.Api.Infrastructure.CompiledModels.Postgres.PostgresSurveyDbContextModel>(scope.ServiceProvider.GetRequiredService<SurveyDbContext>().Model);
    }

    [Fact]
    public void A_host_connection_string_selects_postgres() =>
        Assert.Equal(DatabaseProvider.Postgres, SurveyDatabase.DetectProvider("Host=db;Database=survey;Username=survey"));
}
