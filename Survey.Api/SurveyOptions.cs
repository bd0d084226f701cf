namespace Survey.Api;

/// <summary>The "Survey" configuration section (env <c>Survey__Name</c>); see README "Configuration".</summary>
public sealed class SurveyOptions
{
    public const string Section = "Survey";

    /// <summary>Folder of questionnaire JSON files. Default: the nearest "questionnaires" folder above the app.</summary>
    public string? QuestionnairesDirectory { get; set; }

    /// <summary>Folder for the SQLite file and the generated organiser token. Default: ./data.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Organiser bearer token; generated and stored in the data folder when unset.</summary>
    public string? OrganiserToken { get; set; }

    /// <summary>
    /// Largest accepted submission body. 32 KiB holds the longest legitimate answer (six 500-character "other" texts
    /// even if every character is JSON-escaped) and refuses anything far bigger before it is parsed.
    /// </summary>
    public int MaxSubmissionBytes { get; set; } = 32 * 1024;

    /// <summary>
    /// Small-cell suppression in cross-tabs and segment indices: a column whose base is below this many respondents
    /// is withheld (with complementary suppression), so answers of a handful of identifiable people stay private.
    /// </summary>
    public int SuppressionThreshold { get; set; } = 5;

    public string ResolveQuestionnairesDirectory(string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(QuestionnairesDirectory)) return Path.GetFullPath(QuestionnairesDirectory);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), contentRoot, AppContext.BaseDirectory })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                if (Directory.Exists(Path.Combine(folder.FullName, "questionnaires")))
                    return Path.Combine(folder.FullName, "questionnaires");
        return Path.GetFullPath("questionnaires");
    }
}
