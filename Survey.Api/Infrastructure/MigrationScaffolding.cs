using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Scaffolding;

namespace Survey.Api.Infrastructure;

/// <summary>
/// Adds a migration for both providers and regenerates their compiled models and new-database scripts
/// (<see cref="NewDatabaseScript"/>): <c>script/new-migration Name</c> runs
/// <c>dotnet run --project Survey.Api -- scaffold-migration Name</c>. The same EF design-time services dotnet-ef drives
/// are driven from here, so neither script needs the dotnet-ef tool.
/// </summary>
#pragma warning disable EF1001 // DesignTimeServicesBuilder and OperationReporter are what dotnet-ef itself uses.
public static class MigrationScaffolding
{
    /// <summary>Where each provider's compiled model lives, under the project folder (namespace to match).</summary>
    public static string CompiledModelFolder(string provider) => Path.Combine("Infrastructure", "CompiledModels", provider);

    public static int Run(string name, string projectDirectory)
    {
        var reporter = Reporter();
        foreach (var (context, folder) in Contexts())
        {
            using (context)
            {
                var services = DesignTimeServices(context, reporter);
                var scaffolder = services.GetRequiredService<IMigrationsScaffolder>();
                var migration = scaffolder.ScaffoldMigration(name, "Survey.Api", $"Infrastructure.Migrations.{folder}", "C#");
                var files = scaffolder.Save(projectDirectory, migration, Path.Combine(projectDirectory, "Infrastructure", "Migrations", folder));
                Console.WriteLine($"{folder}: {files.MigrationFile}");
            }
        }
        return ScaffoldCompiledModels(projectDirectory) + ScaffoldNewDatabaseScripts(projectDirectory);
    }

    /// <summary>
    /// Writes each provider's compiled model (what <c>dotnet ef dbcontext optimize</c> writes) into
    /// <see cref="CompiledModelFolder"/>, replacing the one there: EF Core finds it by its <c>[DbContextModel]</c>
    /// attribute and uses it instead of building the model from the configuration at every start. Run by
    /// <c>script/new-migration</c>, and on its own (<c>dotnet run --project Survey.Api -- scaffold-compiled-model</c>)
    /// after any change to the EF configuration; <c>Infrastructure/MigrationScaffoldingTests</c> fails until it is run.
    /// </summary>
    public static int ScaffoldCompiledModels(string projectDirectory)
    {
        foreach (var (folder, files) in CompiledModels(Path.Combine(Path.GetTempPath(), $"survey-compiled-model-{Guid.NewGuid():N}")))
        {
            var target = Path.Combine(projectDirectory, CompiledModelFolder(folder));
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.CreateDirectory(target);
            foreach (var (fileName, text) in files) File.WriteAllText(Path.Combine(target, fileName), text);
            Console.WriteLine($"{folder}: compiled model in {target} ({files.Count} files)");
        }
        return 0;
    }

    /// <summary>Each provider's compiled model as EF Core generates it from the configuration now: file name and text.</summary>
    public static IEnumerable<(string Provider, IReadOnlyDictionary<string, string> Files)> CompiledModels(string scratchDirectory)
    {
        var reporter = Reporter();
        foreach (var (context, folder) in Contexts())
        {
            using (context)
            {
                var output = Path.Combine(scratchDirectory, folder);
                var scaffolder = DesignTimeServices(context, reporter).GetRequiredService<ICompiledModelScaffolder>();
                var written = scaffolder.ScaffoldModel(context.GetService<IDesignTimeModel>().Model, output, new CompiledModelCodeGenerationOptions
                {
                    ContextType = context.GetType(),
                    ModelNamespace = $"Survey.Api.Infrastructure.CompiledModels.{folder}",
                    Language = "C#",
                    UseNullableReferenceTypes = true,
                });
                var files = written.ToDictionary(file => Path.GetFileName(file), File.ReadAllText);
                Directory.Delete(output, recursive: true);
                yield return (folder, files);
            }
        }
    }

    /// <summary>Where each provider's new-database script lives, under the project folder (an embedded resource of the same name).</summary>
    public static string NewDatabaseScriptFile(string provider) => Path.Combine("Infrastructure", "Migrations", provider, NewDatabaseScript.FileName);

    /// <summary>Writes each provider's <see cref="NewDatabaseScripts"/> into <see cref="NewDatabaseScriptFile"/>.</summary>
    public static int ScaffoldNewDatabaseScripts(string projectDirectory)
    {
        foreach (var (provider, script) in NewDatabaseScripts())
        {
            var file = Path.Combine(projectDirectory, NewDatabaseScriptFile(provider));
            File.WriteAllText(file, script);
            Console.WriteLine($"{provider}: new-database script in {file}");
        }
        return 0;
    }

    /// <summary>
    /// Each provider's script of every migration in order, as EF Core generates it now (<c>dotnet ef migrations script</c>):
    /// the history table, the schema and the history rows, without transaction statements (it runs in one, see
    /// <see cref="NewDatabaseScript"/>).
    /// </summary>
    public static IEnumerable<(string Provider, string Script)> NewDatabaseScripts()
    {
        foreach (var (context, folder) in Contexts())
            using (context)
                yield return (folder, context.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>()
                    .GenerateScript(options: Microsoft.EntityFrameworkCore.Migrations.MigrationsSqlGenerationOptions.NoTransactions).ReplaceLineEndings("\n"));
    }

    private static (DbContext, string)[] Contexts() =>
    [
        (new SqliteDesignTimeFactory().CreateDbContext([]), "Sqlite"),
        (new PostgresDesignTimeFactory().CreateDbContext([]), "Postgres"),
    ];

    private static OperationReporter Reporter() => new(new OperationReportHandler(
        error => Console.Error.WriteLine(error), warn => Console.Error.WriteLine(warn), info => Console.WriteLine(info), verbose => { }));

    private static IServiceProvider DesignTimeServices(DbContext context, OperationReporter reporter)
    {
        var assembly = typeof(SurveyDbContext).Assembly;
        return new DesignTimeServicesBuilder(assembly, assembly, reporter, []).Build(context);
    }
}
