using Survey.Api.Infrastructure;

namespace Survey.Api.Results;

/// <summary>
/// The composite satisfaction score of each respondent is the weighted mean of the items they scored (不了解
/// excluded); these are its count, sum and sum of squares, overall or per segment, computed in SQL so the mean
/// and its confidence interval need no response in memory.
/// </summary>
public sealed record CompositeScoreMoments(long N, double Sum, double SumOfSquares)
{
    public static async Task<CompositeScoreMoments> QueryAsync(
        SurveyDbContext db, Questionnaire questionnaire, ResponseFilter filter, CancellationToken cancellationToken)
    {
        var scores = await RespondentScores(db, questionnaire, filter)
            .GroupBy(s => 1)
            .Select(g => new { N = g.LongCount(), Sum = g.Sum(s => s.Score), SumOfSquares = g.Sum(s => s.Score * s.Score) })
            .ToListAsync(cancellationToken);
        return scores.Select(s => new CompositeScoreMoments(s.N, s.Sum, s.SumOfSquares)).SingleOrDefault() ?? new(0, 0, 0);
    }

    public static async Task<Dictionary<string, CompositeScoreMoments>> QueryBySegmentAsync(
        SurveyDbContext db, Questionnaire questionnaire, Question segment, ResponseFilter filter, CancellationToken cancellationToken)
    {
        var segmentAnswers = filter.Answers(db, questionnaire.Id).Where(a => a.QuestionId == segment.Id);
        var rows = await (
                from score in RespondentScores(db, questionnaire, filter)
                join answer in segmentAnswers on score.ResponseId equals answer.ResponseId
                group score by answer.OptionId into g
                select new { OptionId = g.Key, N = g.LongCount(), Sum = g.Sum(s => s.Score), SumOfSquares = g.Sum(s => s.Score * s.Score) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.OptionId, r => new CompositeScoreMoments(r.N, r.Sum, r.SumOfSquares));
    }

    private static IQueryable<RespondentScore> RespondentScores(SurveyDbContext db, Questionnaire questionnaire, ResponseFilter filter)
    {
        var scored = questionnaire.Questions.Where(q => q.IsScored).ToList();
        var scoredIds = scored.Select(q => q.Id).ToList();
        return filter.Answers(db, questionnaire.Id)
            .Where(a => scoredIds.Contains(a.QuestionId))
            .Select(AnswerTerms.WeightedScores(scored))
            .GroupBy(t => t.ResponseId)
            .Select(g => new { ResponseId = g.Key, WeightedScore = g.Sum(t => t.WeightedScore), Weight = g.Sum(t => t.Weight) })
            .Where(r => r.Weight > 0)
            .Select(r => new RespondentScore { ResponseId = r.ResponseId, Score = r.WeightedScore / r.Weight });
    }

    private sealed class RespondentScore
    {
        public Guid ResponseId { get; init; }
        public double Score { get; init; }
    }
}
