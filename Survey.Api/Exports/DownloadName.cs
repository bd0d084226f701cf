namespace Survey.Api.Exports;

/// <summary>Download file names carry the questionnaire and the date: <c>grassroots-service-2026-11-25-export.csv</c>.</summary>
public static class DownloadName
{
    public static string For(string questionnaireId, DateTimeOffset now, string kind) =>
        $"{questionnaireId}-{now.UtcDateTime:yyyy-MM-dd}-{kind}";
}
