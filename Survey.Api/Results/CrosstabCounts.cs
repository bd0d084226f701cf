using Survey.Api.Infrastructure;
using Survey.Api.Model;

namespace Survey.Api.Results;

/// <summary>
/// Joint counts of a choice question (rows) by a single-choice question (columns), from a self-join of the answer
/// rows in SQL. <see cref="ColumnBases"/>: respondents in each column who answered the row question, the base of
/// the column percentages (percent of cases, so a multi question's column may sum to more than 100).
/// </summary>
public sealed record CrosstabCounts(
    IReadOnlyDictionary<(string Row, string Column), long> Cells,
    IReadOnlyDictionary<string, long> ColumnBases)
{
    public static async Task<CrosstabCounts> QueryAsync(
        SurveyDbContext db, Questionnaire questionnaire, Question rowQuestion, Question columnQuestion, ResponseFilter filter, CancellationToken cancellationToken)
    {
        var answers = filter.Answers(db, questionnaire.Id);
        var pairs =
            from row in answers.Where(a => a.QuestionId == rowQuestion.Id)
            join column in answers.Where(a => a.QuestionId == columnQuestion.Id) on row.ResponseId equals column.ResponseId
            select new { Row = row.OptionId, Column = column.OptionId, row.ResponseId };

        var cells = await pairs
            .GroupBy(p => new { p.Row, p.Column })
            .Select(g => new { g.Key.Row, g.Key.Column, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var bases = await pairs
            .GroupBy(p => p.Column)
            .Select(g => new { Column = g.Key, Count = g.Select(p => p.ResponseId).Distinct().LongCount() })
            .ToListAsync(cancellationToken);
        return new CrosstabCounts(
            cells.ToDictionary(c => (c.Row, c.Column), c => c.Count),
            bases.ToDictionary(b => b.Column, b => b.Count));
    }
}
