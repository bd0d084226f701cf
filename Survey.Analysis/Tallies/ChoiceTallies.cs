namespace Survey.Analysis.Tallies;

/// <summary>Percent of cases, percent of responses and Wilson intervals for a choice question.</summary>
public static class ChoiceTallies
{
    public static ChoiceTally Compute(ChoiceQuestionCounts counts, TallyBase basis = TallyBase.Answered)
        => throw new NotImplementedException();
}
