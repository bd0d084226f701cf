namespace Survey.Api;

/// <summary>The "Survey" configuration section (env <c>Survey__Name</c>); see README "Configuration".</summary>
public sealed class SurveyOptions
{
    public const string Section = "Survey";

    /// <summary>
    /// The address residents reach the site at, e.g. "https://survey.example.org" (no trailing path): printed on
    /// invitation slips and posters and encoded in their QR codes. Unset: the address of the organiser's own request,
    /// and the print pages warn that it may not be reachable by residents.
    /// </summary>
    public string? PublicBaseAddress { get; set; }

    /// <summary>Folder of questionnaire JSON files. Default: the nearest "questionnaires" folder above the app.</summary>
    public string? QuestionnairesDirectory { get; set; }

    /// <summary>Folder for the SQLite file and the generated organiser token. Default: ./data.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Organiser bearer token; generated and stored in the data folder when unset.</summary>
    public string? OrganiserToken { get; set; }

    /// <summary>Organiser accounts for the browser sign-in (name and password hash); the token also signs in.</summary>
    public List<Auth.OrganiserAccount> Organisers { get; set; } = [];

    /// <summary>Sign-in attempts allowed per client address in <see cref="SignInWindow"/> before 429.</summary>
    public int SignInAttempts { get; set; } = 10;

    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Submissions one client (one address) may send at once before the per-client limit applies: 60 covers a village
    /// office where residents fill the form on their own phones behind the office's one address at an event.
    /// </summary>
    public int SubmissionBurstPerClient { get; set; } = 60;

    /// <summary>
    /// Then submissions per client per hour, refilled a minute at a time (360: six a minute, one every 10 s, more than a
    /// queue of residents at one address can fill in, while one script stops moving an index by thousands).
    /// </summary>
    public int SubmissionsPerClientPerHour { get; set; } = 360;

    /// <summary>Submissions being stored at once (all clients); beyond it they wait in <see cref="SubmissionQueue"/>.</summary>
    public int MaxConcurrentSubmissions { get; set; } = 16;

    /// <summary>Submissions waiting for a turn; beyond it 503 with Retry-After at once (never a time-out).</summary>
    public int SubmissionQueue { get; set; } = 64;

    /// <summary>Charts rendered at once (8 more wait; then 503): a large PNG takes tens of megabytes while it renders.</summary>
    public int MaxConcurrentCharts { get; set; } = 2;

    /// <summary>Reverse proxies (IP addresses or CIDR networks) allowed to set the client address by X-Forwarded-For.</summary>
    public List<string> TrustedProxies { get; set; } = [];

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
