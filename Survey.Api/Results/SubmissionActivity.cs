using Survey.Api.Infrastructure;

namespace Survey.Api.Results;

/// <summary>How many responses a questionnaire has, its first and last submission, and responses per day (SQL GROUP BY).</summary>
public sealed record SubmissionActivity(long Responses, DateTime? First, DateTime? Last, IReadOnlyList<(DateOnly Day, long Count)> Days)
{
    /// <summary>Days shown in the small chart, ending with the last submission.</summary>
    public const int ChartDays = 30;

    public static async Task<SubmissionActivity> QueryAsync(SurveyDbContext db, string questionnaireId, ResponseFilter filter, CancellationToken cancellationToken)
    {
        var responses = filter.Apply(db, questionnaireId);
        var summary = await responses.GroupBy(r => 1)
            .Select(g => new { Count = g.LongCount(), First = g.Min(r => r.SubmittedAt), Last = g.Max(r => r.SubmittedAt) })
            .FirstOrDefaultAsync(cancellationToken);
        if (summary is null) return new SubmissionActivity(0, null, null, []);

        var end = DateOnly.FromDateTime(summary.Last);
        var start = end.AddDays(1 - ChartDays).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var perDay = await responses.Where(r => r.SubmittedAt >= start)
            .GroupBy(r => r.SubmittedAt.Date)
            .Select(g => new { Day = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var byDay = perDay.ToDictionary(d => DateOnly.FromDateTime(d.Day), d => d.Count);
        var days = Enumerable.Range(0, ChartDays).Select(i => end.AddDays(i + 1 - ChartDays)).Select(d => (d, byDay.GetValueOrDefault(d))).ToList();
        return new SubmissionActivity(summary.Count, summary.First, summary.Last, days);
    }
}
