using Microsoft.Extensions.Options;
using Survey.Analysis.Crosstabs;
using Survey.Analysis.Statistics;
using Survey.Analysis.Tallies;
using Survey.Api.Infrastructure;

namespace Survey.Api.Results;

/// <summary>
/// Runs the SQL aggregates (<see cref="ResponseCounts"/>, <see cref="SelectionPatterns"/>, <see cref="CrosstabCounts"/>)
/// and hands them to Survey.Analysis. Only aggregates cross the database boundary, never response rows.
/// </summary>
public sealed class ResultsService(SurveyDbContext db, IOptions<SurveyOptions> options)
{
    public int SuppressionThreshold => options.Value.SuppressionThreshold;

    /// <param name="onlyQuestion">Compute the per-question statistics of this question only (a chart needs one).</param>
    public async Task<QuestionnaireAnalysis> AnalyseAsync(
        Questionnaire questionnaire, ResponseFilter filter, TallyBase basis, Question? by, CancellationToken cancellationToken, Question? onlyQuestion = null)
    {
        var counts = await ResponseCounts.QueryAsync(db, questionnaire, filter, cancellationToken, withTexts: onlyQuestion is null);
        var choiceQuestions = questionnaire.Questions.Where(q => q.Type != QuestionType.Text).ToList();
        var detailed = choiceQuestions.Where(q => onlyQuestion is null || q.Id == onlyQuestion.Id).ToList();

        var tallies = choiceQuestions.ToDictionary(q => q.Id, q => ChoiceTallies.Compute(CountsOf(q, counts), basis));

        var cochran = new Dictionary<string, CochranQResult>();
        foreach (var question in detailed.Where(q => q.Type == QuestionType.Multi))
        {
            var patterns = await SelectionPatterns.QueryAsync(db, questionnaire, question, filter, cancellationToken);
            cochran[question.Id] = CochranQ.Compute(question.OptionList.Count, patterns);
        }

        var crosstabs = new Dictionary<string, CrosstabResult>();
        if (by is not null)
        {
            var cells = await CrosstabCounts.QueryAsync(db, questionnaire, by, filter, cancellationToken);
            foreach (var question in detailed.Where(q => q.Id != by.Id))
            {
                var patterns = question.Type == QuestionType.Multi
                    ? await SelectionPatterns.QueryBySegmentAsync(db, questionnaire, question, by, filter, cancellationToken)
                    : null;
                crosstabs[question.Id] = Crosstab.Compute(CrosstabInputOf(question, by, cells, patterns), new CrosstabOptions(SuppressionThreshold));
            }
        }
        return new QuestionnaireAnalysis(questionnaire, filter, basis, by, SuppressionThreshold, counts, tallies, cochran, crosstabs);
    }

    private static ChoiceQuestionCounts CountsOf(Question question, ResponseCounts counts) => new(
        question.Id,
        question.Text,
        question.Type == QuestionType.Multi,
        question.OptionList.Select(o => new OptionCount(o.Id, o.Label, counts.OptionCounts.GetValueOrDefault((question.Id, o.Id)))).ToList(),
        counts.Responses,
        counts.Shown.GetValueOrDefault(question.Id),
        counts.Answered.GetValueOrDefault(question.Id));

    private static CrosstabInput CrosstabInputOf(
        Question question, Question by, CrosstabCounts cells, Dictionary<string, Dictionary<long, long>>? patternsBySegment)
    {
        var rows = question.OptionList;
        var columns = by.OptionList;
        var table = new long[rows.Count, columns.Count];
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < columns.Count; c++)
                table[r, c] = cells.Cells.GetValueOrDefault((question.Id, rows[r].Id, columns[c].Id));
        var bases = columns.Select(c => cells.ColumnBases.GetValueOrDefault((question.Id, c.Id))).ToArray();
        return new CrosstabInput(
            question.Id,
            question.Type == QuestionType.Multi,
            rows.Select((o, r) => new OptionCount(o.Id, o.Label, Enumerable.Range(0, columns.Count).Sum(c => table[r, c]))).ToList(),
            by.Id,
            columns.Select(c => (c.Id, c.Label)).ToList(),
            table,
            bases,
            patternsBySegment is null
                ? null
                : columns.Select(c => (IReadOnlyDictionary<long, long>)(patternsBySegment.GetValueOrDefault(c.Id) ?? [])).ToList(),
            bases.Sum());
    }
}
