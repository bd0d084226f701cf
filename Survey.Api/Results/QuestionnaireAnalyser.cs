using Survey.Analysis.Crosstabs;
using Survey.Analysis.Statistics;
using Survey.Analysis.Tallies;
using Survey.Api.Results.Engine;

namespace Survey.Api.Results;

/// <summary>
/// Turns one pass's pattern counts into the analysis: every figure is a sum over n(p, j) (docs: analysis-engine.md),
/// then Survey.Analysis computes intervals, tests and letters. No database, no HTTP.
/// </summary>
public static class QuestionnaireAnalyser
{
    public static QuestionnaireAnalysis Analyse(
        Questionnaire questionnaire, PatternCounts counts, ResponseFilter filter, TallyBase basis, Question? by, int suppressionThreshold, Question? onlyQuestion = null)
    {
        var responseCounts = Counts(questionnaire, counts);
        var choiceQuestions = questionnaire.Questions.Where(q => q.Type != QuestionType.Text && counts.Questions.ContainsKey(q.Id)).ToList();
        var detailed = choiceQuestions.Where(q => onlyQuestion is null || q.Id == onlyQuestion.Id).ToList();
        var tallies = choiceQuestions.ToDictionary(q => q.Id, q => ChoiceTallies.Compute(CountsOf(q, responseCounts), basis));

        var cochran = detailed.Where(q => q.Type == QuestionType.Multi)
            .ToDictionary(q => q.Id, q => CochranQ.Compute(q.OptionList.Count, counts.Questions[q.Id].Patterns()));

        var crosstabs = new Dictionary<string, CrosstabResult>();
        if (by is not null)
            foreach (var question in detailed.Where(q => q.Id != by.Id))
                crosstabs[question.Id] = Crosstab.Compute(CrosstabInputOf(counts.Questions[question.Id], by), new CrosstabOptions(suppressionThreshold));
        return new QuestionnaireAnalysis(questionnaire, filter, basis, by, suppressionThreshold, responseCounts, tallies, cochran, crosstabs);
    }

    /// <summary>Option counts, answered and shown per question, and the texts, from the pattern counts.</summary>
    public static ResponseCounts Counts(Questionnaire questionnaire, PatternCounts counts)
    {
        var optionCounts = new Dictionary<(string, string), long>();
        var answered = new Dictionary<string, long>();
        var shown = new Dictionary<string, long>();
        var texts = new List<(string, string?, string, long)>();
        foreach (var question in questionnaire.Questions)
        {
            if (counts.Questions.TryGetValue(question.Id, out var patterns))
            {
                for (var i = 0; i < question.OptionList.Count; i++) optionCounts[(question.Id, question.OptionList[i].Id)] = patterns.OptionCount(i);
                answered[question.Id] = patterns.Answered();
            }
            else if (question.Type == QuestionType.Text && counts.Texts.TryGetValue((question.Id, null), out var written))
                answered[question.Id] = written.Writers;
            shown[question.Id] = Shown(questionnaire, question, counts);
            foreach (var ((questionId, optionId), written) in counts.Texts.Where(t => t.Key.Question == question.Id))
                texts.AddRange(written.Top.Select(t => (questionId, optionId, t.Text, t.Count)));
        }
        return new ResponseCounts(counts.Responses, optionCounts, answered, shown, texts);
    }

    /// <summary>Every response, or (with a condition on C) Σ n(p_C) over C's patterns that contain one of the listed options.</summary>
    private static long Shown(Questionnaire questionnaire, Question question, PatternCounts counts)
    {
        if (question.VisibleIf is not { } condition) return counts.Responses;
        if (questionnaire.FindQuestion(condition.Question) is not { } controller || !counts.Questions.TryGetValue(controller.Id, out var patterns)) return 0;
        var listed = controller.OptionList.Select((o, i) => condition.AnyOf.Contains(o.Id) ? 1L << i : 0).Aggregate(0L, (a, b) => a | b);
        return patterns.AnyOf(listed);
    }

    private static ChoiceQuestionCounts CountsOf(Question question, ResponseCounts counts) => new(
        question.Id,
        question.Text,
        question.Type == QuestionType.Multi,
        question.OptionList.Select(o => new OptionCount(o.Id, o.Label, counts.OptionCounts.GetValueOrDefault((question.Id, o.Id)))).ToList(),
        counts.Responses,
        counts.Shown.GetValueOrDefault(question.Id),
        counts.Answered.GetValueOrDefault(question.Id));

    /// <summary>Cell (i, j) = Σ_{p ∋ i} n(p, j); column base = Σ_{p ≠ 0} n(p, j); level j + 1 is the break-down's j-th option.</summary>
    public static CrosstabInput CrosstabInputOf(QuestionPatterns patterns, Question by)
    {
        var question = patterns.Question;
        var rows = question.OptionList;
        var columns = by.OptionList;
        var table = new long[rows.Count, columns.Count];
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < columns.Count; c++)
                table[r, c] = patterns.OptionCount(r, c + 1);
        var bases = columns.Select((_, c) => patterns.Answered(c + 1)).ToArray();
        return new CrosstabInput(
            question.Id,
            question.Type == QuestionType.Multi,
            rows.Select((o, r) => new OptionCount(o.Id, o.Label, Enumerable.Range(0, columns.Count).Sum(c => table[r, c]))).ToList(),
            by.Id,
            columns.Select(c => (c.Id, c.Label)).ToList(),
            table,
            bases,
            question.Type == QuestionType.Multi ? columns.Select((_, c) => patterns.Patterns(c + 1)).ToList() : null,
            bases.Sum());
    }
}
