using System.Text.Json;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Analysis.Charts;

/// <summary>
/// The parts of a seed questionnaire (questionnaires/*.json) the chart examples need, read with System.Text.Json
/// so these tests do not depend on Survey.Api's model.
/// </summary>
public sealed record SeedQuestionnaire(string Id, string Title, IReadOnlyList<SeedQuestionnaire.Question> Questions)
{
    public sealed record Option(string Id, string Label, double? Score);

    public sealed record Question(string Id, string Text, string Type, IReadOnlyList<Option> Options, int? MaxSelections,
        string? VisibleIfQuestion, IReadOnlyList<string> VisibleIfAnyOf, double Weight)
    {
        public bool IsChoice => Type is "single" or "multi";
        public bool IsMulti => Type == "multi";
        public bool IsScored => Options.Any(o => o.Score.HasValue);
    }

    public Question this[string id] => Questions.Single(q => q.Id == id);

    public static SeedQuestionnaire Load(string id)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Questionnaires, id + ".json")));
        var root = document.RootElement;
        var questions = root.GetProperty("questions").EnumerateArray().Select(q => new Question(
            q.GetProperty("id").GetString()!,
            q.GetProperty("text").GetString()!,
            q.GetProperty("type").GetString()!,
            q.TryGetProperty("options", out var options)
                ? options.EnumerateArray().Select(o => new Option(
                    o.GetProperty("id").GetString()!,
                    o.GetProperty("label").GetString()!,
                    o.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : null)).ToList()
                : [],
            q.TryGetProperty("maxSelections", out var max) ? max.GetInt32() : null,
            q.TryGetProperty("visibleIf", out var v) ? v.GetProperty("question").GetString() : null,
            q.TryGetProperty("visibleIf", out var w) ? w.GetProperty("anyOf").EnumerateArray().Select(x => x.GetString()!).ToList() : [],
            q.TryGetProperty("weight", out var weight) ? weight.GetDouble() : 1)).ToList();
        return new SeedQuestionnaire(root.GetProperty("id").GetString()!, root.GetProperty("title").GetString()!, questions);
    }
}
