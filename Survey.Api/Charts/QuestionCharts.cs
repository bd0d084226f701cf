using Survey.Analysis.Charts;
using Survey.Api.Results;

namespace Survey.Api.Charts;

/// <summary>
/// A choice question's chart from an analysis: the cross-tab chart when broken down, else the tally chart. Shared by
/// the chart routes and the report bundle, so both draw the same picture.
/// </summary>
public static class QuestionCharts
{
    public static RenderedChart Create(QuestionnaireAnalysis analysis, Question question) =>
        analysis.CrosstabOf(question) is { } crosstab
            ? CrosstabChart.Create(crosstab, question.Text)
            : ChoiceChart.Create(analysis.Tallies[question.Id]);
}
