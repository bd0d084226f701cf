using Survey.Api.Results.Engine;

namespace Survey.Api.Results;

/// <summary>How many responses a questionnaire has, its first and last submission (UTC), and responses per Beijing day.</summary>
public sealed record SubmissionActivity(long Responses, DateTime? First, DateTime? Last, IReadOnlyList<(DateOnly Day, long Count)> Days)
{
    /// <summary>Days shown in the small chart, ending with the last submission.</summary>
    public const int ChartDays = 30;

    public static SubmissionActivity From(PatternCounts counts)
    {
        if (counts.Last is not { } last) return new SubmissionActivity(0, null, null, []);
        var end = BeijingTime.DayOf(last);
        var days = Enumerable.Range(0, ChartDays).Select(i => end.AddDays(i + 1 - ChartDays)).Select(d => (d, counts.Days.GetValueOrDefault(d))).ToList();
        return new SubmissionActivity(counts.Responses, counts.First, counts.Last, days);
    }
}
