using Survey.Analysis.Crosstabs;
using Survey.Analysis.Statistics;
using Survey.Analysis.Tallies;
using Survey.Analysis.Wording;

namespace Survey.Api.Results;

/// <summary>Turns an analysis into the results document, in questionnaire order. Percentages rounded to 2 decimals.</summary>
public static class ResultsBuilder
{
    public static QuestionnaireResults Build(QuestionnaireAnalysis analysis) => new(
        analysis.Questionnaire.Id,
        analysis.Counts.Responses,
        BasisName(analysis.Basis),
        analysis.By?.Id,
        analysis.SuppressionThreshold,
        analysis.Questionnaire.Questions.Select(question => BuildQuestion(analysis, question)).ToList());

    public static string BasisName(TallyBase basis) => basis.ToString().ToLowerInvariant();

    public static bool TryParseBasis(string? value, out TallyBase basis)
    {
        TallyBase? parsed = value?.ToLowerInvariant() switch
        {
            null or "" or "answered" => TallyBase.Answered,
            "shown" => TallyBase.Shown,
            "all" => TallyBase.All,
            _ => null,
        };
        basis = parsed ?? TallyBase.Answered;
        return parsed is not null;
    }

    private static QuestionResult BuildQuestion(QuestionnaireAnalysis analysis, Question question)
    {
        var counts = analysis.Counts;
        var texts = counts.Texts.Where(t => t.Question == question.Id).Select(t => new OtherTextCount(t.Option, t.Text, t.Count)).ToList();
        var type = question.Type.ToString().ToLowerInvariant();
        if (!analysis.Tallies.TryGetValue(question.Id, out var tally))
        {
            // Text questions: who answered (wrote something) out of who was shown the question.
            var answered = counts.Answered.GetValueOrDefault(question.Id);
            var shown = counts.Shown.GetValueOrDefault(question.Id);
            return new QuestionResult(question.Id, type, question.Text, BasisName(TallyBase.Answered), answered, shown, answered, shown - answered, null, [], texts);
        }
        return new QuestionResult(
            question.Id, type, question.Text, BasisName(tally.Basis), tally.Base, tally.Shown, tally.Answered, tally.NoAnswer,
            Round(tally.MeanSelections),
            tally.Options.Select(o => new OptionResult(o.OptionId, o.Label, o.Count, Round(o.PercentOfCases), Round(o.PercentOfResponses), Round(o.CiLow), Round(o.CiHigh))).ToList(),
            texts,
            analysis.Cochran.TryGetValue(question.Id, out var cochran) ? Summarise(question, cochran) : null,
            analysis.Crosstabs.TryGetValue(question.Id, out var crosstab) ? View(crosstab) : null,
            crosstab is null ? null : Summarise(crosstab.Test));
    }

    public static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;

    private static CochranQSummary Summarise(Question question, CochranQResult result) => new(
        result.Q, result.Df, result.P, result.Respondents, result.Adjustment.ToString().ToLowerInvariant(),
        result.Pairs.Select(p => new McNemarPair(question.OptionList[p.ItemA].Id, question.OptionList[p.ItemB].Id, p.OnlyA, p.OnlyB, p.Statistic, p.P, p.AdjustedP)).ToList());

    public static CrosstabView View(CrosstabResult crosstab) => new(
        crosstab.ColumnQuestionId,
        crosstab.TotalBase,
        crosstab.Columns.Select((column, c) => new CrosstabColumnView(
            column.OptionId, column.Label, column.Letter, column.Suppressed ? null : column.Base, column.Suppressed,
            crosstab.Rows.Select(row => Cell(row.OptionId, row.Cells[c])).ToList())).ToList(),
        crosstab.Rows.Select(row => new CrosstabCellView(row.OptionId, row.Total, Round(row.TotalPercent), false, [])).ToList());

    private static CrosstabCellView Cell(string optionId, CrosstabCell cell) =>
        new(optionId, cell.Count, Round(cell.ColumnPercent), cell.Suppressed, cell.Letters);

    public static TestSummary Summarise(CrosstabTest test)
    {
        var significant = test.P is < 0.05;
        return new TestSummary(test.Name, test.Statistic, test.Df, test.P, significant, Labels.Conclusion(test.P), test.Warnings,
            test.PerOption?.Select(o => new OptionTestSummary(o.OptionId, o.Label, o.Statistic, o.Df, o.P, o.BonferroniP)).ToList());
    }
}
