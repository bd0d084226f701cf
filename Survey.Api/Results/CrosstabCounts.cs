using Survey.Api.Infrastructure;

namespace Survey.Api.Results;

/// <summary>
/// Joint counts of every choice question (rows) by one single-choice question (columns), from one self-join of the
/// answer rows in SQL. <see cref="ColumnBases"/>: per question, respondents in each column who answered it, the base
/// of the column percentages (percent of cases, so a multi question's column may sum to more than 100).
/// </summary>
public sealed record CrosstabCounts(
    IReadOnlyDictionary<(string Question, string Row, string Column), long> Cells,
    IReadOnlyDictionary<(string Question, string Column), long> ColumnBases)
{
    public static async Task<CrosstabCounts> QueryAsync(
        SurveyDbContext db, Questionnaire questionnaire, Question columnQuestion, ResponseFilter filter, CancellationToken cancellationToken)
    {
        var answers = filter.Answers(db, questionnaire.Id);
        var pairs =
            from row in answers
            join column in answers.Where(a => a.QuestionId == columnQuestion.Id) on row.ResponseId equals column.ResponseId
            select new { row.QuestionId, Row = row.OptionId, Column = column.OptionId, row.ResponseId };

        var cells = await pairs
            .GroupBy(p => new { p.QuestionId, p.Row, p.Column })
            .Select(g => new { g.Key.QuestionId, g.Key.Row, g.Key.Column, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var bases = await pairs
            .GroupBy(p => new { p.QuestionId, p.Column })
            .Select(g => new { g.Key.QuestionId, g.Key.Column, Count = g.Select(p => p.ResponseId).Distinct().LongCount() })
            .ToListAsync(cancellationToken);
        return new CrosstabCounts(
            cells.ToDictionary(c => (c.QuestionId, c.Row, c.Column), c => c.Count),
            bases.ToDictionary(b => (b.QuestionId, b.Column), b => b.Count));
    }
}
