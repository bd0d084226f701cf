using System.Text.Json;

namespace Survey.Testing;

/// <summary>
/// Seeded random valid responses to any questionnaire, as JSON API bodies. Tests count the answers themselves
/// from these objects (the independent count) and compare with what the server reports.
/// </summary>
public static class SyntheticResponses
{
    public sealed record Generated(Dictionary<string, string[]> Answers, Dictionary<string, string> OtherText, Dictionary<string, string> Text)
    {
        public string ToJson() => JsonSerializer.Serialize(new { answers = Answers, otherText = OtherText, text = Text });
    }

    public static List<Generated> Generate(Questionnaire questionnaire, int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => GenerateOne(questionnaire, random)).ToList();
    }

    private static Generated GenerateOne(Questionnaire questionnaire, Random random)
    {
        var answers = new Dictionary<string, string[]>();
        var other = new Dictionary<string, string>();
        var text = new Dictionary<string, string>();
        foreach (var question in questionnaire.Questions)
        {
            if (question.VisibleIf is { } condition &&
                !(answers.TryGetValue(condition.Question, out var chosen) && chosen.Any(condition.AnyOf.Contains)))
                continue;
            // Optional questions are skipped now and then, so no-answer counts are exercised.
            if (!question.Required && random.NextDouble() < 0.15) continue;
            if (question.Type == QuestionType.Text)
            {
                text[question.Id] = $"建议{random.Next(5)}";
                continue;
            }
            var options = question.OptionList;
            // Skewed choice (earlier options likelier), so tallies differ between options.
            var howMany = question.Type == QuestionType.Single ? 1 : random.Next(question.EffectiveMinSelections, question.EffectiveMaxSelections + 1);
            var picked = options.Select((option, index) => (option, index)).OrderBy(o => random.NextDouble() * (1 + o.index))
                .Take(howMany).Select(o => o.option).ToList();
            answers[question.Id] = picked.Select(o => o.Id).ToArray();
            if (picked.FirstOrDefault(o => o.AllowsText) is { } textOption && random.NextDouble() < 0.7)
                other[question.Id] = random.Next(3) switch { 0 => "修路", 1 => "<b>广场舞</b>", _ => "=SUM(A1)" };
        }
        return new Generated(answers, other, text);
    }
}
