using Microsoft.Extensions.Logging;
using Survey.Core.Definitions;

namespace Survey.Core.Questionnaires;

/// <summary>
/// The questionnaires this server serves: every valid *.json file in the configured folder, loaded once at start-up.
/// An invalid file is logged with its path-precise errors and not served; the valid ones still are.
/// </summary>
public sealed class QuestionnaireCatalog
{
    private readonly Dictionary<string, Questionnaire> byId;

    public QuestionnaireCatalog(IEnumerable<Questionnaire> questionnaires, IReadOnlyList<QuestionnaireLoadResult> rejected)
    {
        byId = questionnaires.ToDictionary(q => q.Id);
        Rejected = rejected;
    }

    public IReadOnlyList<Questionnaire> All => byId.Values.OrderBy(q => q.Id, StringComparer.Ordinal).ToList();

    /// <summary>Files that were not served, with why.</summary>
    public IReadOnlyList<QuestionnaireLoadResult> Rejected { get; }

    public Questionnaire? Find(string id) => byId.GetValueOrDefault(id);

    public static QuestionnaireCatalog LoadFolder(string folder, ILogger logger)
    {
        var valid = new List<Questionnaire>();
        var rejected = new List<QuestionnaireLoadResult>();
        if (!Directory.Exists(folder))
        {
            logger.LogError("Questionnaire folder {Folder} does not exist; no questionnaire is served", folder);
            return new QuestionnaireCatalog(valid, rejected);
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            if (file.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase)) continue;
            var result = QuestionnaireLoader.LoadFile(file);
            if (result.IsValid && valid.Any(q => q.Id == result.Questionnaire!.Id))
                result = result with { Questionnaire = null, Errors = [$"{result.FileName}: id: another file already defines questionnaire \"{result.Questionnaire!.Id}\""] };
            if (result.IsValid)
            {
                valid.Add(result.Questionnaire!);
                logger.LogInformation("Serving questionnaire {Id} v{Version} from {File}", result.Questionnaire!.Id, result.Questionnaire.Version, result.FileName);
            }
            else
            {
                rejected.Add(result);
                foreach (var error in result.Errors) logger.LogError("Questionnaire not served: {Error}", error);
            }
        }
        return new QuestionnaireCatalog(valid, rejected);
    }
}
