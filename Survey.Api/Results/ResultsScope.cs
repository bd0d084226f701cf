using System.Globalization;
using Survey.Analysis.Charts;
using Survey.Analysis.Tallies;
using Survey.Analysis.Wording;
using Survey.Api.Model;

namespace Survey.Api.Results;

/// <summary>
/// What a view or download covers, in words: the questionnaire, the filters, the break-down and the base. One
/// source for the dashboard's "当前视图", the header block of every download and the report, and download file names.
/// </summary>
public sealed record ResultsScope(Questionnaire Questionnaire, ResponseFilter Filter, Question? By = null, TallyBase? Basis = null)
{
    public static ResultsScope Of(QuestionnaireAnalysis analysis) => new(analysis.Questionnaire, analysis.Filter, analysis.By, analysis.Basis);

    /// <summary>"您的身份是＝村(社区)“两委”干部；按“您的身份是”分组", or "全部答卷".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Filter.Round is { } round) parts.Add($"{round.Label}（{round.From:yyyy-MM-dd} 至 {round.To:yyyy-MM-dd}，北京时间）");
        if (Filter.From is { } from) parts.Add($"{from:yyyy-MM-dd} 起");
        if (Filter.To is { } to) parts.Add($"至 {to:yyyy-MM-dd}");
        if (Filter.Mode is { } mode) parts.Add($"收集方式＝{ResponseFilter.ModeName(mode)}");
        foreach (var (question, option) in Filter.Where)
        {
            var q = Questionnaire.FindQuestion(question);
            parts.Add($"{q?.Text}＝{q?.FindOption(option)?.Label}");
        }
        var described = parts.Count == 0 ? Labels.AllResponses : string.Join("；", parts);
        return By is null ? described : $"{described}；按“{By.Text}”分组";
    }

    /// <summary>The header block of a download: questionnaire, scope, base (when percentages are shown), answers and generation time.</summary>
    public IReadOnlyList<string> HeaderLines(DateTimeOffset generatedAt, long? responses = null)
    {
        var lines = new List<string> { $"{Labels.QuestionnaireLabel}：{Questionnaire.Title}", $"{Labels.ScopeLabel}：{Describe()}" };
        if (Basis is { } basis) lines.Add($"{Labels.BaseLabel}：{BaseDescription.Of(basis)}");
        if (responses is { } n) lines.Add($"答卷：{n} 份");
        lines.Add($"{Labels.GeneratedLabel}：{Labels.Generated(generatedAt)}");
        return lines;
    }

    /// <summary>
    /// "grassroots-service-2026-11-25-身份=村(社区)“两委”干部-按身份-tallies.csv": the questionnaire, the date, the
    /// filters and break-down in words (so two downloads under different filters never share a name), the kind.
    /// </summary>
    public string FileName(DateTimeOffset now, string kind)
    {
        var parts = new List<string> { Questionnaire.Id, BeijingTime.DayOf(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        if (Filter.Round is { } round) parts.Add(round.Id);
        if (Filter.From is { } from) parts.Add($"{from:yyyy-MM-dd}起");
        if (Filter.To is { } to) parts.Add($"至{to:yyyy-MM-dd}");
        if (Filter.Mode is { } mode) parts.Add(ResponseFilter.ModeName(mode));
        foreach (var (question, option) in Filter.Where)
            if (Questionnaire.FindQuestion(question) is { } q) parts.Add($"{ShortName(q)}={q.FindOption(option)?.Label}");
        if (By is not null) parts.Add($"按{ShortName(By)}");
        parts.Add(kind);
        return Safe(string.Join("-", parts));
    }

    /// <summary>A question's subject for a file name: "您的身份是" → "身份".</summary>
    public static string ShortName(Question question)
    {
        var text = question.Text.Trim().TrimEnd('？', '?', '：', ':');
        foreach (var prefix in new[] { "您的", "您所在的", "您对", "您认为", "您" })
            if (text.StartsWith(prefix, StringComparison.Ordinal) && text.Length > prefix.Length + 1) { text = text[prefix.Length..]; break; }
        if (text.EndsWith('是') && text.Length > 2) text = text[..^1];
        return text.Length > 16 ? text[..16] : text;
    }

    private static string Safe(string name) =>
        new(name.Select(c => c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' || char.IsControl(c) ? '_' : c).ToArray());
}
