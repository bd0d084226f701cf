using Survey.Core.Definitions;

namespace Survey.Core.Questionnaires;

/// <summary>A loaded questionnaire, or the reasons it cannot be served (each "file: path: message").</summary>
public sealed record QuestionnaireLoadResult(string FileName, Questionnaire? Questionnaire, IReadOnlyList<string> Errors)
{
    public bool IsValid => Questionnaire is not null && Errors.Count == 0;
}
