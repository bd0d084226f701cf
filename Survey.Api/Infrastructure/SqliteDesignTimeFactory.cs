using Microsoft.EntityFrameworkCore.Design;

namespace Survey.Api.Infrastructure;

/// <summary>Lets the EF design-time services build the SQLite context without starting the web host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSurveyDbContext>
{
    public SqliteSurveyDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteSurveyDbContext>();
        SurveyDatabase.ConfigureSqlite(options, "Data Source=design-time.db");
        return new SqliteSurveyDbContext(options.Options);
    }
}
