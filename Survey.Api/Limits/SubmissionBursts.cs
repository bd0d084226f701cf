namespace Survey.Api.Limits;

/// <summary>
/// The burst signal for organisers: how many submissions to each questionnaire the per-client limit refused, in the
/// last hour (per minute, so the count slides) and since this instance started. In memory and per instance; it
/// holds counts only, never who was refused.
/// </summary>
public sealed class SubmissionBursts(TimeProvider clock)
{
    private const int Minutes = 60;

    private readonly Dictionary<string, Counter> counters = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public DateTimeOffset Since { get; } = clock.GetUtcNow();

    public sealed record Snapshot(string QuestionnaireId, long RefusedLastHour, long RefusedSinceStart, DateTimeOffset Since);

    public void RecordRefusal(string questionnaireId)
    {
        var minute = CurrentMinute();
        lock (gate)
        {
            if (!counters.TryGetValue(questionnaireId, out var counter))
            {
                // Only known questionnaires reach the limiter, so this dictionary stays as small as the catalogue.
                counter = new Counter();
                counters[questionnaireId] = counter;
            }
            counter.Add(minute);
        }
    }

    public Snapshot Read(string questionnaireId)
    {
        var minute = CurrentMinute();
        lock (gate)
        {
            return counters.TryGetValue(questionnaireId, out var counter)
                ? new Snapshot(questionnaireId, counter.LastHour(minute), counter.Total, Since)
                : new Snapshot(questionnaireId, 0, 0, Since);
        }
    }

    private long CurrentMinute() => clock.GetUtcNow().ToUnixTimeSeconds() / 60;

    /// <summary>A ring of per-minute counts: slot m % 60 holds minute m's count while <see cref="minuteOf"/> says it is m.</summary>
    private sealed class Counter
    {
        private readonly long[] counts = new long[Minutes];
        private readonly long[] minuteOf = new long[Minutes];

        public long Total { get; private set; }

        public void Add(long minute)
        {
            var slot = (int)(minute % Minutes);
            if (minuteOf[slot] != minute)
            {
                minuteOf[slot] = minute;
                counts[slot] = 0;
            }
            counts[slot]++;
            Total++;
        }

        public long LastHour(long minute)
        {
            long sum = 0;
            for (var slot = 0; slot < Minutes; slot++)
                if (minute - minuteOf[slot] < Minutes) sum += counts[slot];
            return sum;
        }
    }
}
