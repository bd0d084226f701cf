using Survey.Api.Infrastructure;

namespace Survey.Api.Results;

/// <summary>
/// How many respondents chose each combination of a multi question's options (bit i = i-th option), overall or per
/// option of a single question (the segment). Cochran's Q and the Rao-Scott test need these joint counts, not just
/// the per-option totals; with k options there are at most 2^k rows however many responses there are.
/// </summary>
public static class SelectionPatterns
{
    public static async Task<Dictionary<long, long>> QueryAsync(
        SurveyDbContext db, Questionnaire questionnaire, Question multi, ResponseFilter filter, CancellationToken cancellationToken)
    {
        var rows = await Masks(db, questionnaire, multi, filter)
            .GroupBy(m => m.Mask)
            .Select(g => new { Mask = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Mask, r => r.Count);
    }

    /// <summary>Pattern counts per option of <paramref name="segment"/>, among respondents who answered both questions.</summary>
    public static async Task<Dictionary<string, Dictionary<long, long>>> QueryBySegmentAsync(
        SurveyDbContext db, Questionnaire questionnaire, Question multi, Question segment, ResponseFilter filter, CancellationToken cancellationToken)
    {
        var segmentAnswers = filter.Answers(db, questionnaire.Id).Where(a => a.QuestionId == segment.Id);
        var rows = await (
                from mask in Masks(db, questionnaire, multi, filter)
                join answer in segmentAnswers on mask.ResponseId equals answer.ResponseId
                group mask by new { answer.OptionId, mask.Mask } into g
                select new { g.Key.OptionId, g.Key.Mask, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.OptionId)
            .ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Mask, r => r.Count));
    }

    private static IQueryable<ResponseMask> Masks(SurveyDbContext db, Questionnaire questionnaire, Question multi, ResponseFilter filter) =>
        filter.Answers(db, questionnaire.Id)
            .Where(a => a.QuestionId == multi.Id)
            .Select(AnswerTerms.SelectionBits(multi))
            .GroupBy(t => t.ResponseId)
            .Select(g => new ResponseMask { ResponseId = g.Key, Mask = g.Sum(t => t.Bit) });

    private sealed class ResponseMask
    {
        public Guid ResponseId { get; init; }
        public long Mask { get; init; }
    }
}
