namespace Survey.Analysis.Trends;

/// <summary>The one place for the words that name a change.</summary>
public static class ChangeLabels
{
    public static string Of(ChangeDirection direction) => direction switch
    {
        ChangeDirection.SignificantRise => "显著上升",
        ChangeDirection.SignificantFall => "显著下降",
        _ => "无显著变化",
    };
}
