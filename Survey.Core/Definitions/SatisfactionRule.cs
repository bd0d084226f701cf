namespace Survey.Core.Definitions;

/// <summary>The one place for the satisfied-rate rule of a questionnaire (its <see cref="ScoringProfile"/> or the default).</summary>
public static class SatisfactionRule
{
    /// <summary>Whether choosing <paramref name="option"/> of scored <paramref name="question"/> counts as satisfied.</summary>
    public static bool CountsAsSatisfied(Questionnaire questionnaire, Question question, QuestionOption option)
    {
        if (option.Score is null) return false;
        if (questionnaire.Scoring?.Satisfied is { } satisfied) return satisfied.Contains(option.Id);
        var scores = question.OptionList.Where(o => o.Score is not null).Select(o => o.Score!.Value).ToList();
        return option.Score > (scores.Min() + scores.Max()) / 2;
    }

    /// <summary>Answers outside the base of the index and the satisfied rate, but reported (不了解): the options scored null.</summary>
    public static bool IsExcluded(QuestionOption option) => option.HasScoreKey && option.Score is null;

    /// <summary>"满意率 = (满意 + 基本满意) / (有效票，不含不了解)", from the labels of the scored questions' options.</summary>
    public static string Describe(Questionnaire questionnaire)
    {
        var scored = questionnaire.Questions.Where(q => q.IsScored).ToList();
        var satisfied = Labels(scored, (q, o) => CountsAsSatisfied(questionnaire, q, o));
        var excluded = Labels(scored, (_, o) => IsExcluded(o));
        var basis = excluded.Count == 0 ? "有效票" : $"有效票，不含{string.Join("、", excluded)}";
        return $"满意率 = ({string.Join(" + ", satisfied)}) / ({basis})";
    }

    private static List<string> Labels(IEnumerable<Question> questions, Func<Question, QuestionOption, bool> include) =>
        questions.SelectMany(q => q.OptionList.Where(o => include(q, o)).Select(o => o.Label)).Distinct().ToList();
}
