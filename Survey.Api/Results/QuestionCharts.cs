using Survey.Analysis.Charts;
using Survey.Api.Apis;
using Survey.Api.Model;

namespace Survey.Api.Results;

/// <summary>
/// A choice question's chart from an analysis (the cross-tab chart when broken down, else the tally chart) and the
/// height that fits its bars. Shared by the chart routes and the report bundle, so both draw the same picture.
/// </summary>
public static class QuestionCharts
{
    public static (RenderedChart Chart, int PreferredHeight) Create(QuestionnaireAnalysis analysis, Question question)
    {
        if (analysis.Crosstabs.TryGetValue(question.Id, out var crosstab))
            return (CrosstabChart.Create(crosstab, question.Text),
                ChartFormat.PreferredHeight(question.OptionList.Count * crosstab.Columns.Count, question.OptionList.Count));
        return (ChoiceChart.Create(analysis.Tallies[question.Id]), ChartFormat.PreferredHeight(question.OptionList.Count));
    }

    public static int SatisfactionHeight(SatisfactionResults result) => ChartFormat.PreferredHeight(result.Segments?.Count ?? result.Items.Count + 1);
}
