namespace Survey.Tests.Analysis.Charts;

/// <summary>
/// A fixed (seeded) synthetic set of responses to a seed questionnaire: respondent → question → chosen option ids.
/// Option popularity falls with the option's position so the charts look like real data; skip logic is honoured.
/// </summary>
public sealed class SyntheticSurvey
{
    public SyntheticSurvey(SeedQuestionnaire questionnaire, int respondents, int seed)
    {
        Questionnaire = questionnaire;
        var random = new Random(seed);
        Responses = Enumerable.Range(0, respondents).Select(_ => One(random)).ToList();
    }

    public SeedQuestionnaire Questionnaire { get; }

    /// <summary>Per respondent: the questions they were shown, each with the options chosen (empty = skipped).</summary>
    public IReadOnlyList<Dictionary<string, string[]>> Responses { get; }

    private Dictionary<string, string[]> One(Random random)
    {
        var answers = new Dictionary<string, string[]>();
        foreach (var question in Questionnaire.Questions.Where(q => q.IsChoice))
        {
            if (question.VisibleIfQuestion is { } on &&
                !(answers.TryGetValue(on, out var chosen) && chosen.Any(question.VisibleIfAnyOf.Contains)))
                continue;
            // The identity question is required; others are skipped now and then.
            if (question.Id != "identity" && random.NextDouble() < 0.1)
            {
                answers[question.Id] = [];
                continue;
            }
            var options = question.Options;
            if (question.IsMulti)
            {
                var picked = options.Where((_, i) => random.NextDouble() < 0.65 / (1 + 0.35 * i)).Select(o => o.Id).ToList();
                if (picked.Count == 0) picked.Add(options[random.Next(options.Count)].Id);
                answers[question.Id] = picked.Take(question.MaxSelections ?? options.Count).ToArray();
            }
            else
            {
                // Weights 1, 1/2, 1/3 …; the identity question gets few cadres, as in reality.
                double[] weights = options.Select((_, i) => question.Id == "identity" && i == 2 ? 0.12 : 1.0 / (1 + i)).ToArray();
                double r = random.NextDouble() * weights.Sum();
                int index = 0;
                while (index < weights.Length - 1 && (r -= weights[index]) > 0) index++;
                answers[question.Id] = [options[index].Id];
            }
        }
        return answers;
    }
}
