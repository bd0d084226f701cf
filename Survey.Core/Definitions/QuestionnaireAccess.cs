namespace Survey.Core.Definitions;

/// <summary>Who may submit: everyone with the link, or only holders of an invitation code (<c>"access": "codes"</c>).</summary>
public enum QuestionnaireAccess
{
    Open,
    Codes,
}
