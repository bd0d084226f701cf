using Survey.Core.Definitions;

namespace Survey.Core.Questionnaires;

/// <summary>Load-time checks of the evaluation keys: <c>rounds</c>, <c>scoring</c> and <c>evaluation</c> (docs/questionnaire-format.md).</summary>
internal static class EvaluationChecks
{
    public static void Check(Questionnaire questionnaire, Action<string, string> error)
    {
        if (questionnaire.Rounds is { } rounds) CheckRounds(rounds, error);
        if (questionnaire.Scoring is { } scoring) CheckScoring(questionnaire, scoring, error);
        if (questionnaire.Evaluation is { } evaluation) CheckEvaluation(questionnaire, evaluation, error);
    }

    private static void CheckRounds(QuestionnaireRounds rounds, Action<string, string> error)
    {
        if ((rounds.Period is null) == (rounds.Named is null))
        {
            error("rounds", "give either \"period\" (month, quarter, half or year) or \"named\" rounds, not both");
            return;
        }
        if (rounds.Period is { } period && !QuestionnaireRounds.Periods.Contains(period))
            error("rounds.period", $"\"{period}\" is not month, quarter, half or year");
        if (rounds.Named is not { } named) return;
        if (named.Count == 0) error("rounds.named", "needs at least one round");
        var ids = new HashSet<string>();
        for (int i = 0; i < named.Count; i++)
        {
            var round = named[i];
            if (!QuestionnaireLoader.IdRule.IsMatch(round.Id)) error($"rounds.named[{i}].id", $"\"{round.Id}\" is not a valid id (lower-case letters, digits and '-')");
            if (!ids.Add(round.Id)) error($"rounds.named[{i}].id", $"duplicate round id \"{round.Id}\"");
            if (string.IsNullOrWhiteSpace(round.Label)) error($"rounds.named[{i}].label", "must not be empty");
            if (round.From > round.To) error($"rounds.named[{i}].to", $"ends ({round.To:yyyy-MM-dd}) before it starts ({round.From:yyyy-MM-dd})");
            var overlap = named.Take(i).FirstOrDefault(r => r.From <= round.To && round.From <= r.To);
            if (overlap is not null) error($"rounds.named[{i}]", $"overlaps round \"{overlap.Id}\": a response must fall in one round");
        }
    }

    private static void CheckScoring(Questionnaire questionnaire, ScoringProfile scoring, Action<string, string> error)
    {
        var options = questionnaire.Questions.Where(q => q.IsScored).SelectMany(q => q.OptionList).ToList();
        if (options.Count == 0) error("scoring", "the questionnaire has no scored question");
        void CheckIds(IReadOnlyList<string>? ids, string key, Func<QuestionOption, bool> allowed, string rule)
        {
            for (int k = 0; k < (ids?.Count ?? 0); k++)
            {
                var matching = options.Where(o => o.Id == ids![k]).ToList();
                if (matching.Count == 0) error($"scoring.{key}[{k}]", $"no scored question has an option \"{ids![k]}\"");
                else if (!matching.All(allowed)) error($"scoring.{key}[{k}]", $"option \"{ids![k]}\" {rule}");
            }
        }
        CheckIds(scoring.Satisfied, "satisfied", o => o.Score is not null || !o.HasScoreKey, "is scored null (not known), so it cannot count as satisfied");
        CheckIds(scoring.Excluded, "excluded", SatisfactionRule.IsExcluded, "has a score: only options scored null are left out of the base");
        if (scoring.Satisfied is { Count: 0 }) error("scoring.satisfied", "needs at least one option id");
    }

    private static void CheckEvaluation(Questionnaire questionnaire, EvaluationSettings evaluation, Action<string, string> error)
    {
        if (evaluation.Organisations is { } id && questionnaire.FindQuestion(id) is not { Type: QuestionType.Single, IsScored: false })
            error("evaluation.organisations", $"\"{id}\" must be an unscored single-choice question (its options are the organisations)");
        if (evaluation.Violation() is { } violation)
            error("evaluation", violation);
    }
}
