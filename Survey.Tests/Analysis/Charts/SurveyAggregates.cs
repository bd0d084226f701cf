using Survey.Analysis.Crosstabs;
using Survey.Analysis.Satisfaction;
using Survey.Analysis.Tallies;

namespace Survey.Tests.Analysis.Charts;

/// <summary>The aggregated inputs the API computes with SQL GROUP BY, counted here from the synthetic responses.</summary>
public static class SurveyAggregates
{
    public static ChoiceQuestionCounts ChoiceCounts(SyntheticSurvey survey, string questionId)
    {
        var question = survey.Questionnaire[questionId];
        var shown = survey.Responses.Where(r => r.ContainsKey(questionId)).ToList();
        return new ChoiceQuestionCounts(question.Id, question.Text, question.IsMulti,
            question.Options.Select(o => new OptionCount(o.Id, o.Label, shown.Count(r => r[questionId].Contains(o.Id)))).ToList(),
            survey.Responses.Count, shown.Count, shown.Count(r => r[questionId].Length > 0));
    }

    /// <summary>Row question by the single-choice <paramref name="columnQuestionId"/>, over <paramref name="responses"/>.</summary>
    public static CrosstabInput CrosstabInput(SyntheticSurvey survey, string rowQuestionId, string columnQuestionId,
        IReadOnlyList<Dictionary<string, string[]>>? responses = null)
    {
        responses ??= survey.Responses;
        var row = survey.Questionnaire[rowQuestionId];
        var column = survey.Questionnaire[columnQuestionId];
        // Respondents who answered both: the row question's base within each column.
        var answered = responses.Where(r => r.TryGetValue(rowQuestionId, out var a) && a.Length > 0
                                            && r.TryGetValue(columnQuestionId, out var c) && c.Length > 0).ToList();
        var byColumn = column.Options.Select(o => answered.Where(r => r[columnQuestionId][0] == o.Id).ToList()).ToList();

        var counts = new long[row.Options.Count, column.Options.Count];
        for (int i = 0; i < row.Options.Count; i++)
            for (int j = 0; j < column.Options.Count; j++)
                counts[i, j] = byColumn[j].Count(r => r[rowQuestionId].Contains(row.Options[i].Id));

        var patterns = row.IsMulti
            ? byColumn.Select(group => (IReadOnlyDictionary<long, long>)group
                .GroupBy(r => row.Options.Select((o, i) => r[rowQuestionId].Contains(o.Id) ? 1L << i : 0).Sum())
                .ToDictionary(g => g.Key, g => (long)g.Count())).ToList()
            : null;

        return new CrosstabInput(row.Id, row.IsMulti,
            row.Options.Select((o, i) => new OptionCount(o.Id, o.Label, Enumerable.Range(0, column.Options.Count).Sum(j => counts[i, j]))).ToList(),
            column.Id, column.Options.Select(o => (o.Id, o.Label)).ToList(), counts,
            byColumn.Select(g => (long)g.Count).ToArray(), patterns);
    }

    /// <summary>Score distribution of one scored item; 满意 and 基本满意 (score ≥ 60) count as satisfied.</summary>
    public static SatisfactionItemInput SatisfactionItem(SyntheticSurvey survey, string questionId,
        IEnumerable<Dictionary<string, string[]>>? responses = null)
    {
        var question = survey.Questionnaire[questionId];
        var answers = (responses ?? survey.Responses).Where(r => r.TryGetValue(questionId, out var a) && a.Length > 0)
            .Select(r => question.Options.Single(o => o.Id == r[questionId][0])).ToList();
        return new SatisfactionItemInput(question.Id, question.Text, question.Weight,
            question.Options.Where(o => o.Score.HasValue)
                .Select(o => new ScoreCount(o.Score!.Value, answers.Count(a => a.Id == o.Id), o.Score >= 60)).ToList(),
            answers.Count(a => a.Score is null));
    }

    /// <summary>Composite: each respondent's weighted mean over the items they scored, then its moments.</summary>
    public static SatisfactionIndex Composite(SyntheticSurvey survey, IEnumerable<Dictionary<string, string[]>>? responses = null)
    {
        var scored = survey.Questionnaire.Questions.Where(q => q.IsScored).ToList();
        long n = 0;
        double sum = 0, sumOfSquares = 0;
        long unknown = 0;
        foreach (var response in responses ?? survey.Responses)
        {
            var scores = scored
                .Where(q => response.TryGetValue(q.Id, out var a) && a.Length > 0)
                .Select(q => (q.Weight, Score: q.Options.Single(o => o.Id == response[q.Id][0]).Score))
                .Where(x => x.Score.HasValue).ToList();
            if (scores.Count == 0) { unknown++; continue; }
            double mean = scores.Sum(x => x.Weight * x.Score!.Value) / scores.Sum(x => x.Weight);
            n++;
            sum += mean;
            sumOfSquares += mean * mean;
        }
        return SatisfactionIndices.Composite(n, sum, sumOfSquares, unknown);
    }
}
