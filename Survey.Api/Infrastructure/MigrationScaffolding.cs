using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Migrations.Design;

namespace Survey.Api.Infrastructure;

/// <summary>
/// Adds a migration for both providers: <c>script/new-migration Name</c> runs
/// <c>dotnet run --project Survey.Api -- scaffold-migration Name</c>. The dotnet-ef tool is not on the package
/// feed this project can reach, so the same EF design-time services are driven from here.
/// </summary>
#pragma warning disable EF1001 // DesignTimeServicesBuilder and OperationReporter are what dotnet-ef itself uses.
public static class MigrationScaffolding
{
    public static int Run(string name, string projectDirectory)
    {
        var assembly = typeof(SurveyDbContext).Assembly;
        var reporter = new OperationReporter(new OperationReportHandler(
            error => Console.Error.WriteLine(error), warn => Console.Error.WriteLine(warn),
            info => Console.WriteLine(info), verbose => { }));
        foreach (var (context, folder) in new (DbContext, string)[]
                 {
                     (new SqliteDesignTimeFactory().CreateDbContext([]), "Sqlite"),
                     (new PostgresDesignTimeFactory().CreateDbContext([]), "Postgres"),
                 })
        {
            using (context)
            {
                var services = new DesignTimeServicesBuilder(assembly, assembly, reporter, []).Build(context);
                var scaffolder = services.GetRequiredService<IMigrationsScaffolder>();
                var migration = scaffolder.ScaffoldMigration(name, "Survey.Api", $"Infrastructure.Migrations.{folder}", "C#");
                var files = scaffolder.Save(projectDirectory, migration, Path.Combine(projectDirectory, "Infrastructure", "Migrations", folder));
                Console.WriteLine($"{folder}: {files.MigrationFile}");
            }
        }
        return 0;
    }
}
