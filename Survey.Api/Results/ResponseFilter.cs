using Survey.Api.Infrastructure;
using Survey.Api.Model;

namespace Survey.Api.Results;

/// <summary>
/// Which responses a result, chart or export covers: submitted on or after <see cref="From"/> and on or before
/// <see cref="To"/> (whole Beijing days, like rounds: <see cref="BeijingTime"/>), and having chosen every listed option
/// (e.g. identity = cadre).
/// From the query string: <c>from=2026-01-01&amp;to=2026-03-31&amp;where=identity:cadre&amp;where=community:east-street&amp;mode=paper</c>.
/// </summary>
public sealed record ResponseFilter(DateOnly? From, DateOnly? To, IReadOnlyList<(string Question, string Option)> Where)
{
    public static ResponseFilter None { get; } = new(null, null, []);

    /// <summary>
    /// The evaluation round (<c>round=2026-Q1</c> or a named round): submitted from 00:00 Beijing time on its first day to
    /// 00:00 Beijing time after its last (<see cref="Survey.Analysis.Rounds.Round.StartUtc"/>, <see cref="Survey.Analysis.Rounds.Round.EndUtc"/>).
    /// </summary>
    public Survey.Analysis.Rounds.Round? Round { get; init; }

    /// <summary>Only responses that reached the database this way (<c>mode=web|paper|import</c>); null: all.</summary>
    public ResponseMode? Mode { get; init; }

    public bool IsEmpty => From is null && To is null && Where.Count == 0 && Round is null && Mode is null;

    /// <summary>The query-string word of each mode, and its Chinese name (export column, pages).</summary>
    public static string ModeWord(ResponseMode mode) => mode.ToString().ToLowerInvariant();

    public static string ModeName(ResponseMode mode) => mode switch
    {
        ResponseMode.Paper => "纸质问卷录入",
        ResponseMode.Import => "文件导入",
        _ => "网上填写",
    };

    /// <summary>Reads <c>web</c>, <c>paper</c>, <c>import</c> or the Chinese names.</summary>
    public static bool TryParseMode(string? value, out ResponseMode mode)
    {
        foreach (var candidate in Enum.GetValues<ResponseMode>())
            if (string.Equals(value, ModeWord(candidate), StringComparison.OrdinalIgnoreCase) || value == ModeName(candidate))
            {
                mode = candidate;
                return true;
            }
        mode = ResponseMode.Web;
        return false;
    }

    /// <summary>Parses and checks the filter against the questionnaire; errors are keyed by query parameter.</summary>
    public static (ResponseFilter? Filter, Dictionary<string, string[]> Errors) Parse(
        Questionnaire questionnaire, string? from, string? to, IEnumerable<string?> where, string? round = null, string? mode = null)
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
        ResponseMode? resolvedMode = null;
        if (!string.IsNullOrWhiteSpace(mode))
        {
            if (TryParseMode(mode, out var parsed)) resolvedMode = parsed;
            else errors["mode"] = [$"收集方式应为 web（网上填写）、paper（纸质问卷录入）或 import（文件导入）：“{mode}”"];
        }
        return errors.Count > 0 ? (null, errors) : (new ResponseFilter(fromDate, toDate, conditions) { Round = resolvedRound, Mode = resolvedMode }, errors);
    }

    /// <summary>
    /// The submission window in UTC, [start, end): 00:00 Beijing time on <see cref="From"/> to 00:00 Beijing time after
    /// <see cref="To"/>, intersected with the round's bounds (Beijing days too, so from/to and a round agree). Null where
    /// unbounded. The one place both are combined, so the engine's pass and the raw exports cover the same responses.
    /// </summary>
    public (DateTime? Start, DateTime? End) Window
    {
        get
        {
            DateTime? start = From is { } from ? BeijingTime.StartOfDayUtc(from) : null;
            DateTime? end = To is { } to ? BeijingTime.StartOfDayUtc(to.AddDays(1)) : null;
            if (Round is { } round)
            {
                start = start is { } s && s > round.StartUtc ? s : round.StartUtc;
                end = end is { } e && e < round.EndUtc ? e : round.EndUtc;
            }
            return (start, end);
        }
    }

    /// <summary>
    /// The questionnaire's responses in the <see cref="Window"/> and not set aside (as the engine's pass skips them), as
    /// a query (the answer conditions are tested on the decoded pattern: <see cref="Matches"/>).
    /// </summary>
    public IQueryable<SurveyResponse> ApplyDates(SurveyDbContext db, string questionnaireId)
    {
        var setAside = db.SetAsides.Where(s => s.QuestionnaireId == questionnaireId && s.RestoredAt == null).SelectMany(s => s.Responses).Select(r => r.Seq);
        var responses = db.Responses.Where(r => r.QuestionnaireId == questionnaireId && r.Seq != null && !setAside.Contains(r.Seq!.Value));
        var (start, end) = Window;
        if (start is { } from) responses = responses.Where(r => r.SubmittedAt >= from);
        if (end is { } to) responses = responses.Where(r => r.SubmittedAt < to);
        if (Mode is { } mode) responses = responses.Where(r => r.Mode == mode);
        return responses;
    }

    /// <summary>Whether decoded answers (question id → chosen option ids) meet every answer condition.</summary>
    public bool Matches(IReadOnlyDictionary<string, List<string>> answers) =>
        Where.All(w => answers.TryGetValue(w.Question, out var chosen) && chosen.Contains(w.Option));

    /// <summary>A stable text of the filter, for memo keys and logs.</summary>
    public string Key => $"{From:yyyy-MM-dd}|{To:yyyy-MM-dd}|{Round?.Id}|{Mode}|{string.Join(",", Where.Select(w => $"{w.Question}:{w.Option}"))}";
}
