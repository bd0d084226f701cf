namespace Survey.Analysis.Tallies;

/// <summary>Which respondents a percentage of cases is a percentage of.</summary>
public enum TallyBase
{
    /// <summary>Respondents who answered the question (the default).</summary>
    Answered,
    /// <summary>Respondents who were shown the question (skip logic applied).</summary>
    Shown,
    /// <summary>Every respondent of the questionnaire.</summary>
    All,
}
