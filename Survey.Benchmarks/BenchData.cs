using System.Text;
using System.Text.Json;
using Survey.Testing;

namespace Survey.Benchmarks;

/// <summary>
/// The benchmark's responses, generated once per size from the tests' generator (Survey.Testing), in two forms
/// from the same draw: a JSON Lines file for <c>script/import</c> (each line with a <c>submittedAt</c> spread over
/// 60 days) and the SQL floor's rows (the day and one option bitmask per choice question).
/// </summary>
public sealed class BenchData
{
    public static readonly DateTime FirstDay = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public const int Days = 60;

    public required string JsonLinesFile { get; init; }
    public required IReadOnlyList<Question> ChoiceQuestions { get; init; }
    /// <summary>Per response: day index (0..Days-1), then the bitmask of each choice question (bit i = option i).</summary>
    public required int[][] FloorRows { get; init; }

    public static BenchData Generate(Questionnaire questionnaire, int count, string folder)
    {
        var file = Path.Combine(folder, $"responses-{count}.jsonl");
        var choice = questionnaire.Questions.Where(q => q.Type != QuestionType.Text).ToList();
        var rows = new int[count][];
        using var output = new StreamWriter(file, false, new UTF8Encoding(false), 1 << 16);
        var index = 0;
        for (var chunk = 0; index < count; chunk++)
        {
            foreach (var generated in SyntheticResponses.Generate(questionnaire, Math.Min(10_000, count - index), seed: 1000 + chunk))
            {
                var day = index % Days;
                var at = FirstDay.AddDays(day).AddMinutes(index * 7 % 1440);
                output.Write("{\"submittedAt\":\"");
                output.Write(at.ToString("yyyy-MM-ddTHH:mm:ssZ"));
                output.Write("\",");
                output.WriteLine(generated.ToJson().AsSpan(1));
                var row = new int[1 + choice.Count];
                row[0] = day;
                for (var q = 0; q < choice.Count; q++)
                    if (generated.Answers.TryGetValue(choice[q].Id, out var options))
                        foreach (var option in options)
                            row[1 + q] |= 1 << choice[q].OptionList.ToList().FindIndex(o => o.Id == option);
                rows[index++] = row;
            }
        }
        return new BenchData { JsonLinesFile = file, ChoiceQuestions = choice, FloorRows = rows };
    }

    /// <summary>A few valid bodies for the HTTP ingest load (wrk cycles through them).</summary>
    public static IReadOnlyList<string> Bodies(Questionnaire questionnaire, int count) =>
        SyntheticResponses.Generate(questionnaire, count, seed: 7).Select(g => g.ToJson()).ToList();

    public static string JsonString(string value) => JsonSerializer.Serialize(value);
}
