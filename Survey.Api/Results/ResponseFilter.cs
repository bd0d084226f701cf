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

    public bool IsEmpty => From is null && To is null && Where.Count == 0;

    /// <summary>Parses and checks the filter against the questionnaire; errors are keyed by query parameter.</summary>
    public static (ResponseFilter? Filter, Dictionary<string, string[]> Errors) Parse(
        Questionnaire questionnaire, string? from, string? to, IEnumerable<string?> where)
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
        return errors.Count > 0 ? (null, errors) : (new ResponseFilter(fromDate, toDate, conditions), errors);
    }

    /// <summary>The questionnaire's responses in the date range, as a query (the answer conditions are tested on the decoded pattern: <see cref="Matches"/>).</summary>
    public IQueryable<SurveyResponse> ApplyDates(SurveyDbContext db, string questionnaireId)
    {
        var responses = db.Responses.Where(r => r.QuestionnaireId == questionnaireId && r.Seq != null);
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
        return responses;
    }

    /// <summary>Whether decoded answers (question id → chosen option ids) meet every answer condition.</summary>
    public bool Matches(IReadOnlyDictionary<string, List<string>> answers) =>
        Where.All(w => answers.TryGetValue(w.Question, out var chosen) && chosen.Contains(w.Option));

    /// <summary>A stable text of the filter, for memo keys and logs.</summary>
    public string Key => $"{From:yyyy-MM-dd}|{To:yyyy-MM-dd}|{string.Join(",", Where.Select(w => $"{w.Question}:{w.Option}"))}";
}
