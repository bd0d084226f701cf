using Survey.Analysis.Rounds;

namespace Survey.Api.Rounds;

/// <summary>A questionnaire's rounds: its named rounds or calendar periods (docs/questionnaire-format.md, "Rounds").</summary>
public static class RoundSchedule
{
    /// <summary>The questionnaire's calendar period; quarters when the file names none (or names rounds instead).</summary>
    public static RoundPeriod DefaultPeriod(Questionnaire questionnaire) =>
        ParsePeriod(questionnaire.Rounds?.Period) ?? RoundPeriod.Quarter;

    /// <summary>"month", "quarter", "half", "year" (the names of <see cref="Survey.Core.Definitions.QuestionnaireRounds.Periods"/>), else null.</summary>
    public static RoundPeriod? ParsePeriod(string? text) =>
        text is not null && Survey.Core.Definitions.QuestionnaireRounds.Periods.Contains(text) ? Enum.Parse<RoundPeriod>(text, ignoreCase: true) : null;

    public static IReadOnlyList<Round> Named(Questionnaire questionnaire) =>
        questionnaire.Rounds?.Named?.Select(r => new Round(r.Id, r.Label, r.From, r.To)).ToList() ?? [];

    /// <summary>A round id: one of the questionnaire's named rounds, or any calendar id (2026-03, 2026-Q1, 2026-H1, 2026).</summary>
    public static Round? Find(Questionnaire questionnaire, string? id) =>
        Named(questionnaire).FirstOrDefault(r => r.Id == id) ?? (RoundCalendar.TryParse(id, out var round) ? round : null);

    /// <summary>The message for a round id that is neither named nor a calendar id.</summary>
    public static string Unknown(string id) => $"没有这一轮次：“{id}”（应为问卷中命名的轮次，或 2026-03、2026-Q1、2026-H1、2026 这样的日历轮次）";
}
