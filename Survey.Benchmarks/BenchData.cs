using System.Text;
using Survey.Api.Responses;
using Survey.Core.Responses;
using Survey.Testing;

namespace Survey.Benchmarks;

/// <summary>
/// The benchmark's responses, drawn from the tests' generator (Survey.Testing) in chunks with fixed seeds, so every
/// form of them holds the same responses: as <see cref="NewResponse"/>s for the fast loader (<see cref="BenchLoader"/>),
/// as a JSON Lines file for the measured <c>script/import</c> (each line with a <c>submittedAt</c>), and as the SQL
/// floor's rows (the day and one option bitmask per choice question). Submissions are spread over 60 days.
/// </summary>
public sealed class BenchData
{
    public static readonly DateTime FirstDay = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public const int Days = 60;
    private const int GeneratorChunk = 10_000;

    private readonly Questionnaire questionnaire;

    private BenchData(Questionnaire questionnaire, int count)
    {
        this.questionnaire = questionnaire;
        Count = count;
        ChoiceQuestions = questionnaire.Questions.Where(q => q.Type != QuestionType.Text).ToList();
    }

    public int Count { get; }
    public IReadOnlyList<Question> ChoiceQuestions { get; }

    public static BenchData For(Questionnaire questionnaire, int count) => new(questionnaire, count);

    private static DateTime SubmittedAt(int index) => FirstDay.AddDays(index % Days).AddMinutes(index * 7 % 1440);

    private IEnumerable<(int Index, SyntheticResponses.Generated Response)> Generated()
    {
        var index = 0;
        for (var chunk = 0; index < Count; chunk++)
            foreach (var generated in SyntheticResponses.Generate(questionnaire, Math.Min(GeneratorChunk, Count - index), seed: 1000 + chunk))
                yield return (index++, generated);
    }

    /// <summary>The responses as the API stores them (ids are new on every call).</summary>
    public IEnumerable<NewResponse> Responses() => Generated().Select(g => new NewResponse(Guid.NewGuid(), SubmittedAt(g.Index),
        new ResponseSubmission(g.Response.Answers.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value), g.Response.OtherText, g.Response.Text)));

    /// <summary>Per response: day index (0..Days-1), then the bitmask of each choice question (bit i = option i).</summary>
    public IEnumerable<int[]> FloorRows()
    {
        var options = ChoiceQuestions.Select(q => q.OptionList.Select((o, i) => (o.Id, i)).ToDictionary(p => p.Id, p => p.i)).ToList();
        foreach (var (index, generated) in Generated())
        {
            var row = new int[1 + ChoiceQuestions.Count];
            row[0] = index % Days;
            for (var q = 0; q < ChoiceQuestions.Count; q++)
                if (generated.Answers.TryGetValue(ChoiceQuestions[q].Id, out var chosen))
                    foreach (var option in chosen)
                        row[1 + q] |= 1 << options[q][option];
            yield return row;
        }
    }

    /// <summary>Writes the responses as JSON Lines for <c>script/import</c> and returns the file's path.</summary>
    public string WriteJsonLines(string folder)
    {
        var file = Path.Combine(folder, $"responses-{Count}.jsonl");
        using var output = new StreamWriter(file, false, new UTF8Encoding(false), 1 << 16);
        foreach (var (index, generated) in Generated())
        {
            output.Write("{\"submittedAt\":\"");
            output.Write(SubmittedAt(index).ToString("yyyy-MM-ddTHH:mm:ssZ"));
            output.Write("\",");
            output.WriteLine(generated.ToJson().AsSpan(1));
        }
        return file;
    }

    /// <summary>A few valid bodies for the HTTP ingest load (wrk cycles through them).</summary>
    public static IReadOnlyList<string> Bodies(Questionnaire questionnaire, int count) =>
        SyntheticResponses.Generate(questionnaire, count, seed: 7).Select(g => g.ToJson()).ToList();
}
