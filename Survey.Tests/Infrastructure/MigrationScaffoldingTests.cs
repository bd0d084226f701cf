using Survey.Api.Infrastructure;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Infrastructure;

/// <summary>
/// The compiled models the server starts with (<c>Survey.Api/Infrastructure/CompiledModels</c>) are what EF Core
/// generates from the configuration now: a change to an entity's configuration without regenerating them fails here.
/// </summary>
public sealed partial class MigrationScaffoldingTests
{
    [Fact]
    public void The_committed_compiled_models_match_the_configuration()
    {
        using var scratch = new TemporaryFolder();
        var project = Path.Combine(RepositoryPaths.Root, "Survey.Api");
        var generated = MigrationScaffolding.CompiledModels(scratch.Path).ToList();
        Assert.Equal(["Postgres", "Sqlite"], generated.Select(g => g.Provider).Order());
        foreach (var (provider, files) in generated)
        {
            var folder = Path.Combine(project, MigrationScaffolding.CompiledModelFolder(provider));
            const string regenerate = "the EF model changed: run `dotnet run --project Survey.Api -- scaffold-compiled-model` (script/new-migration does it too)";
            Assert.True(files.Keys.Order().SequenceEqual(Directory.GetFiles(folder).Select(Path.GetFileName).Order()!), $"{provider}: {regenerate}");
            foreach (var (name, text) in files)
                Assert.True(Normalised(text) == Normalised(File.ReadAllText(Path.Combine(folder, name))), $"{provider}/{name}: {regenerate}");
        }
    }

    [Fact]
    public void The_committed_new_database_scripts_are_what_EF_Core_generates_from_the_migrations()
    {
        var project = Path.Combine(RepositoryPaths.Root, "Survey.Api");
        var generated = MigrationScaffolding.NewDatabaseScripts().ToList();
        Assert.Equal(["Postgres", "Sqlite"], generated.Select(g => g.Provider).Order());
        foreach (var (provider, script) in generated)
        {
            Assert.Contains("CREATE TABLE responses", script.Replace("\"", ""));
            var committed = File.ReadAllText(Path.Combine(project, MigrationScaffolding.NewDatabaseScriptFile(provider)));
            Assert.True(script == committed.ReplaceLineEndings("\n"),
                $"{provider}: the migrations changed: run `dotnet run --project Survey.Api -- scaffold-new-database-scripts` (script/new-migration does it too)");
            Assert.Equal(committed, NewDatabaseScript.For(Enum.Parse<DatabaseProvider>(provider))); // the build embeds the file
        }
    }

    /// <summary>Line endings aside, and the model's id, which EF Core draws at random at each generation.</summary>
    private static string Normalised(string text) => ModelId().Replace(text.ReplaceLineEndings("\n"), "modelId: (any)");

    [System.Text.RegularExpressions.GeneratedRegex("""modelId: new Guid\("[0-9a-f-]+"\)""")]
    private static partial System.Text.RegularExpressions.Regex ModelId();
}
