using Survey.Analysis.Tallies;

namespace Survey.Analysis.Charts;

/// <summary>Horizontal bar chart of one choice question, options in questionnaire order (first at top).</summary>
public static class ChoiceChart
{
    public static RenderedChart Create(ChoiceTally tally) => throw new NotImplementedException();
}
