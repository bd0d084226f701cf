using System.Runtime;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Survey.Api.Infrastructure;
using Survey.Core.Questionnaires;

namespace Survey.Api.Import;

/// <summary>
/// <c>dotnet Survey.Api.dll import &lt;questionnaire-id&gt; &lt;file&gt; [--Survey:Setting=value …]</c> (run by
/// <c>script/import</c>): stores a JSON Lines file (<see cref="JsonLinesSource"/>) or an <c>export.csv</c>
/// (<see cref="ExportCsvSource"/>, chosen by the .csv extension) in the database the server would use
/// (<c>ConnectionStrings__Survey</c>, appsettings.json, command-line settings), migrating it first like the server.
/// All or nothing: each bad line is reported on standard error with its number and the API's words, and the exit
/// code is 1. On success the last line on standard output is <c>imported N responses into &lt;id&gt;</c>.
/// </summary>
public static class ImportCommand
{
    public const string Verb = "import";

    public static async Task<int> RunAsync(string questionnaireId, string file, string[] settings, TextWriter output, TextWriter error, bool showProgress)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(settings)
            .Build();
        var options = configuration.GetSection(SurveyOptions.Section).Get<SurveyOptions>() ?? new SurveyOptions();
        var folder = options.ResolveQuestionnairesDirectory(AppContext.BaseDirectory);
        if (QuestionnaireCatalog.LoadFolder(folder, NullLogger.Instance).Find(questionnaireId) is not { } questionnaire)
        {
            error.WriteLine($"import: no valid questionnaire \"{questionnaireId}\" in {folder}");
            return 2;
        }
        if (!File.Exists(file))
        {
            error.WriteLine($"import: {file} does not exist");
            return 2;
        }

        await using var services = new ServiceCollection().AddSurveyDatabase(configuration.GetConnectionString("Survey"))
            .AddSingleton<AnswerLayouts>().BuildServiceProvider();
        await services.MigrateSurveyDatabaseAsync();
        var layout = await services.GetRequiredService<AnswerLayouts>().GetAsync(questionnaire);
        // A plain connection, no EF Core context: the rows go in by the same writer either way (ResponseRowWriter).
        var connections = services.GetRequiredService<SurveyConnections>();
        await using var connection = await connections.OpenAsync();
        if (connections.Provider == DatabaseProvider.Sqlite)
        {
            // The whole file is one transaction: with the server's 64 MB page cache, a million responses' random-id
            // index spills to disk mid-transaction (as the bench's loader found). This connection only: 256 MB.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA cache_size = -262144";
            await pragma.ExecuteNonQueryAsync();
        }

        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var now = DateTime.UtcNow;
        var lines = Path.GetExtension(file).Equals(".csv", StringComparison.OrdinalIgnoreCase)
            ? ExportCsvSource.Read(reader, questionnaire, now)
            : JsonLinesSource.Read(stream, questionnaire, now, layout);
        // Throughput over pause times: no background collections competing with the parsing and the writer for two cores.
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        var progress = new ImportProgress(error, showProgress, () => stream.Length == 0 ? 1 : (double)stream.Position / stream.Length);

        var outcome = await ResponseImporter.ImportAsync(connection, layout, lines, progress, CancellationToken.None);
        foreach (var line in outcome.Rejected)
            foreach (var problem in line.Errors)
                error.WriteLine($"line {line.Line}: {problem.Key}: {problem.Message} ({problem.Rule})");
        if (outcome.Rejected.Count > 0)
        {
            error.WriteLine($"import: nothing imported: {outcome.Rejected.Count} invalid line(s) in {file}");
            return 1;
        }
        output.WriteLine($"imported {outcome.Imported} responses into {questionnaire.Id}");
        return 0;
    }
}
