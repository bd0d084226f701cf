using Survey.Api.Infrastructure;
using Survey.Api.Model;

namespace Survey.Api.Results;

/// <summary>
/// Which responses a result, chart or export covers: submitted on or after <see cref="From"/> and on or before
/// <see cref="To"/> (whole UTC days), and having chosen every listed option (e.g. identity = cadre).
/// From the query string: <c>from=2026-01-01&amp;to=2026-03-31&amp;where=identity:cadre&amp;where=community:east-street</c>.
/// </summary>
public sealed record ResponseFilter(DateOnly? From, DateOnly? To, IReadOnlyList<(string Question, string Option)> Where)
{
    public static ResponseFilter None { get; } = new(null, null, []);

    /// <summary>
    /// The evaluation round (<c>round=2026-Q1</c> or a named round): submitted from 00:00 Beijing time on its first day to
    /// 00:00 Beijing time after its last (<see cref="Survey.Analysis.Rounds.Round.StartUtc"/>, <see cref="Survey.Analysis.Rounds.Round.EndUtc"/>).
    /// </summary>
    public Survey.Analysis.Rounds.Round? Round { get; init; }

    public bool IsEmpty => From is null && To is null && Where.Count == 0 && Round is null;

    /// <summary>Parses and checks the filter against the questionnaire; errors are keyed by query parameter.</summary>
    public static (ResponseFilter? Filter, Dictionary<string, string[]> Errors) Parse(
        Questionnaire questionnaire, string? from, string? to, IEnumerable<string?> where, string? round = null)
    {
        var errors = new Dictionary<string, string[]>();
        DateOnly? ParseDate(string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", out var date)) return date;
            errors[name] = [$"日期格式应为 yyyy-MM-dd：“{value}”"];
            return null;
        }
        var fromDate = ParseDate("from", from);
        var toDate = ParseDate("to", to);
        if (fromDate > toDate) errors["to"] = ["结束日期早于开始日期"];

        var conditions = new List<(string, string)>();
        foreach (var condition in where.Where(w => !string.IsNullOrWhiteSpace(w)))
        {
            var parts = condition!.Split(':', 2);
            var question = parts.Length == 2 ? questionnaire.FindQuestion(parts[0]) : null;
            if (question is null || question.Type == QuestionType.Text || question.FindOption(parts[1]) is null)
                errors["where"] = [.. errors.GetValueOrDefault("where") ?? [], $"筛选条件应为“题目编号:选项编号”，且选项存在：“{condition}”"];
            else conditions.Add((parts[0], parts[1]));
        }
        var resolvedRound = string.IsNullOrWhiteSpace(round) ? null : Survey.Api.Rounds.RoundSchedule.Find(questionnaire, round);
        if (!string.IsNullOrWhiteSpace(round) && resolvedRound is null) errors["round"] = [Survey.Api.Rounds.RoundSchedule.Unknown(round)];
        return errors.Count > 0 ? (null, errors) : (new ResponseFilter(fromDate, toDate, conditions) { Round = resolvedRound }, errors);
    }

    /// <summary>The questionnaire's responses that pass the filter, as a query (translated to SQL, never loaded).</summary>
    public IQueryable<SurveyResponse> Apply(SurveyDbContext db, string questionnaireId)
    {
        var responses = db.Responses.Where(r => r.QuestionnaireId == questionnaireId);
        if (From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            responses = responses.Where(r => r.SubmittedAt >= start);
        }
        if (To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            responses = responses.Where(r => r.SubmittedAt < end);
        }
        if (Round is { } round)
        {
            DateTime start = round.StartUtc, end = round.EndUtc;
            responses = responses.Where(r => r.SubmittedAt >= start && r.SubmittedAt < end);
        }
        foreach (var (question, option) in Where)
            responses = responses.Where(r => db.Answers.Any(a => a.ResponseId == r.Id && a.QuestionId == question && a.OptionId == option));
        return responses;
    }

    /// <summary>The answer rows of the filtered responses.</summary>
    public IQueryable<ResponseAnswer> Answers(SurveyDbContext db, string questionnaireId)
    {
        var answers = db.Answers.Where(a => a.QuestionnaireId == questionnaireId);
        if (IsEmpty) return answers;
        var ids = Apply(db, questionnaireId).Select(r => r.Id);
        return answers.Where(a => ids.Contains(a.ResponseId));
    }

    /// <summary>The text rows of the filtered responses.</summary>
    public IQueryable<ResponseText> Texts(SurveyDbContext db, string questionnaireId)
    {
        var texts = db.Texts.Where(t => t.QuestionnaireId == questionnaireId);
        if (IsEmpty) return texts;
        var ids = Apply(db, questionnaireId).Select(r => r.Id);
        return texts.Where(t => ids.Contains(t.ResponseId));
    }
}
