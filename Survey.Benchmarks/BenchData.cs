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

    private int[][]? floorRows;

    /// <summary>The draw, chunk by chunk (each chunk its own seed, so chunks are independent): two chunks drawn at once, ahead of the reader.</summary>
    private IEnumerable<(int Index, SyntheticResponses.Generated Response)> Generated()
    {
        var chunks = (Count + GeneratorChunk - 1) / GeneratorChunk;
        var ahead = new Queue<Task<List<SyntheticResponses.Generated>>>();
        var next = 0;
        var index = 0;
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            while (ahead.Count < 2 && next < chunks)
            {
                var seed = 1000 + next;
                var size = Math.Min(GeneratorChunk, Count - next * GeneratorChunk);
                ahead.Enqueue(Task.Run(() => SyntheticResponses.Generate(questionnaire, size, seed)));
                next++;
            }
            foreach (var generated in ahead.Dequeue().Result) yield return (index++, generated);
        }
    }

    /// <summary>
    /// The responses as the API stores them, with ids as an import gives them (<see cref="Survey.Api.Import.ImportIds"/>,
    /// new on every call: the loader is the import's writer, so its rate compares with script/import's); the first full
    /// read also keeps the floor's rows.
    /// </summary>
    public IEnumerable<NewResponse> Responses()
    {
        var rows = floorRows is null ? new int[Count][] : null;
        var ids = new Survey.Api.Import.ImportIds();
        foreach (var (index, generated) in Generated())
        {
            if (rows is not null) rows[index] = FloorRow(index, generated);
            yield return new NewResponse(ids.For(index + 1), SubmittedAt(index),
                new ResponseSubmission(generated.Answers.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value), generated.OtherText, generated.Text));
        }
        floorRows ??= rows;
    }

    /// <summary>Per response: day index (0..Days-1), then the bitmask of each choice question (bit i = option i).</summary>
    public IEnumerable<int[]> FloorRows() => floorRows ?? Generated().Select(g => FloorRow(g.Index, g.Response));

    private Dictionary<string, int>[]? optionIndexes;

    private int[] FloorRow(int index, SyntheticResponses.Generated generated)
    {
        optionIndexes ??= ChoiceQuestions.Select(q => q.OptionList.Select((o, i) => (o.Id, i)).ToDictionary(p => p.Id, p => p.i)).ToArray();
        var row = new int[1 + ChoiceQuestions.Count];
        row[0] = index % Days;
        for (var q = 0; q < ChoiceQuestions.Count; q++)
            if (generated.Answers.TryGetValue(ChoiceQuestions[q].Id, out var chosen))
                foreach (var option in chosen)
                    row[1 + q] |= 1 << optionIndexes[q][option];
        return row;
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
