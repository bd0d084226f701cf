using Microsoft.EntityFrameworkCore.Design;

namespace Survey.Api.Infrastructure;

/// <summary>Lets the EF design-time services build the PostgreSQL context without a server (scaffolding needs none).</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSurveyDbContext>
{
    public PostgresSurveyDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresSurveyDbContext>();
        SurveyDatabase.ConfigurePostgres(options, "Host=localhost;Database=survey_design_time");
        return new PostgresSurveyDbContext(options.Options);
    }
}
