using Survey.Api.Infrastructure;

namespace Survey.Api.Results;

/// <summary>
/// The aggregates every result is built from, each one SQL GROUP BY over the answer rows, so the number of
/// responses never decides how much is loaded into memory.
/// </summary>
public sealed record ResponseCounts(
    long Responses,
    IReadOnlyDictionary<(string Question, string Option), long> OptionCounts,
    IReadOnlyDictionary<string, long> Answered,
    IReadOnlyDictionary<string, long> Shown,
    IReadOnlyList<(string Question, string? Option, string Text, long Count)> Texts)
{
    /// <summary>Most distinct texts listed per question (most frequent first), so a results page stays small.</summary>
    public const int MaxTextsPerQuestion = 200;

    /// <param name="withTexts">List the "other" and free texts (results, tallies, dashboard); charts and indices need none.</param>
    public static async Task<ResponseCounts> QueryAsync(
        SurveyDbContext db, Questionnaire questionnaire, ResponseFilter filter, CancellationToken cancellationToken, bool withTexts = true)
    {
        var id = questionnaire.Id;
        var responses = await filter.Apply(db, id).LongCountAsync(cancellationToken);
        var answers = filter.Answers(db, id);
        var allTexts = filter.Texts(db, id);

        var optionCounts = await answers
            .GroupBy(a => new { a.QuestionId, a.OptionId })
            .Select(g => new { g.Key.QuestionId, g.Key.OptionId, Count = g.LongCount() })
            .ToListAsync(cancellationToken);

        // A choice question is answered by a response once per chosen option: count distinct responses.
        var answeredChoice = await answers
            .GroupBy(a => a.QuestionId)
            .Select(g => new { QuestionId = g.Key, Count = g.Select(a => a.ResponseId).Distinct().LongCount() })
            .ToListAsync(cancellationToken);
        var answeredText = await allTexts.Where(t => t.OptionId == null)
            .GroupBy(t => t.QuestionId)
            .Select(g => new { QuestionId = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);

        // Shown = no condition (every response), or the controlling question has one of the listed options.
        var shown = new Dictionary<string, long>();
        foreach (var question in questionnaire.Questions)
        {
            if (question.VisibleIf is not { } condition) { shown[question.Id] = responses; continue; }
            var anyOf = condition.AnyOf.ToList();
            shown[question.Id] = await answers
                .Where(a => a.QuestionId == condition.Question && anyOf.Contains(a.OptionId))
                .Select(a => a.ResponseId).Distinct().LongCountAsync(cancellationToken);
        }

        var texts = new List<(string, string?, string, long)>();
        foreach (var question in questionnaire.Questions.Where(q => withTexts && (q.Type == QuestionType.Text || q.OptionList.Any(o => o.AllowsText))))
        {
            var rows = await allTexts.Where(t => t.QuestionId == question.Id)
                .GroupBy(t => new { t.OptionId, t.Text })
                .Select(g => new { g.Key.OptionId, g.Key.Text, Count = g.LongCount() })
                .OrderByDescending(g => g.Count).ThenBy(g => g.Text)
                .Take(MaxTextsPerQuestion)
                .ToListAsync(cancellationToken);
            texts.AddRange(rows.Select(r => (question.Id, r.OptionId, r.Text, r.Count)));
        }

        return new ResponseCounts(
            responses,
            optionCounts.ToDictionary(c => (c.QuestionId, c.OptionId), c => c.Count),
            answeredChoice.Concat(answeredText).ToDictionary(c => c.QuestionId, c => c.Count),
            shown,
            texts);
    }
}
