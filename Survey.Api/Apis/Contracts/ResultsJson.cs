using Survey.Analysis.Crosstabs;
using Survey.Analysis.Statistics;
using Survey.Analysis.Tallies;
using Survey.Analysis.Wording;
using Survey.Analysis.Satisfaction;
using Survey.Api.Results;

namespace Survey.Api.Apis.Contracts;

/// <summary>
/// The JSON documents of the results and satisfaction routes, projected from the analyses in questionnaire order. The one
/// place figures are rounded (<see cref="Round"/>: 2 decimals); the dashboard, charts and downloads read the analyses.
/// </summary>
public static class ResultsJson
{
    public static QuestionnaireResults From(QuestionnaireAnalysis analysis) => new(
        analysis.Questionnaire.Id,
        analysis.Counts.Responses,
        TallyBaseQuery.Format(analysis.Basis),
        analysis.By?.Id,
        analysis.SuppressionThreshold,
        analysis.Questionnaire.Questions.Select(question => BuildQuestion(analysis, question)).ToList());

    public static SatisfactionResults From(SatisfactionAnalysis analysis) => new(
        analysis.Questionnaire.Id,
        analysis.Responses,
        analysis.SatisfiedRateDefinition,
        analysis.Items.Select(Item).ToList(),
        Composite(analysis.Composite),
        analysis.By?.Id,
        analysis.SuppressionThreshold,
        analysis.Segments?.Select(s => s.Suppressed
            ? new SatisfactionSegment(s.Option.Id, s.Option.Label, true,
                s.Items.Select(i => new SatisfactionItemResult(i.Question.Id, i.Question.Text, i.Question.Group, i.Question.EffectiveWeight, null, null, null, null, null, null)).ToList(),
                new SatisfactionComposite(null, null, null, null))
            : new SatisfactionSegment(s.Option.Id, s.Option.Label, false, s.Items.Select(Item).ToList(), Composite(s.Composite))).ToList());

    private static SatisfactionItemResult Item(ItemIndex item) => new(
        item.Question.Id, item.Question.Text, item.Question.Group, item.Question.EffectiveWeight,
        Round(item.Index.Index), Round(item.Index.CiLow), Round(item.Index.CiHigh), Round(item.Index.SatisfiedRate), item.Index.N, item.Index.Unknown);

    private static SatisfactionComposite Composite(SatisfactionIndex index) =>
        new(Round(index.Index), Round(index.CiLow), Round(index.CiHigh), index.N);

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
            return new QuestionResult(question.Id, type, question.Text, TallyBaseQuery.Format(TallyBase.Answered), answered, shown, answered, shown - answered, null, [], texts);
        }
        return new QuestionResult(
            question.Id, type, question.Text, TallyBaseQuery.Format(tally.Basis), tally.Base, tally.Shown, tally.Answered, tally.NoAnswer,
            Round(tally.MeanSelections),
            tally.Options.Select(o => new OptionResult(o.OptionId, o.Label, o.Count, Round(o.PercentOfCases), Round(o.PercentOfResponses), Round(o.CiLow), Round(o.CiHigh))).ToList(),
            texts,
            analysis.Cochran.TryGetValue(question.Id, out var cochran) ? Summarise(question, cochran) : null,
            analysis.Crosstabs.TryGetValue(question.Id, out var crosstab) ? View(crosstab) : null,
            crosstab is null ? null : Summarise(crosstab.Test));
    }

    /// <summary>2 decimals, for JSON (the trend and league documents use it too).</summary>
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
