namespace Survey.Core.Definitions;

/// <summary>How a question is answered.</summary>
public enum QuestionType
{
    /// <summary>Exactly one option (radio buttons).</summary>
    Single,
    /// <summary>Between minSelections and maxSelections options (check boxes).</summary>
    Multi,
    /// <summary>Free text up to maxLength characters.</summary>
    Text,
}
