using Survey.Analysis.Crosstabs;
using Survey.Api.Model;

namespace Survey.Api.Results;

/// <summary>
/// Which break-down groups a conditional question was shown to: the one rule behind "不适用" in every view
/// (dashboard, tallies, report, charts). A question whose visibleIf names the break-down question itself was never
/// asked of the groups (options) outside its anyOf, e.g. question 5 (cadres only) broken down by identity.
/// </summary>
public static class QuestionVisibility
{
    public static bool WasAsked(Question question, Question by, string byOptionId) =>
        question.VisibleIf is not { } condition || condition.Question != by.Id || condition.AnyOf.Contains(byOptionId);

    /// <summary>The question's cross-tab under the analysis' break-down, with the groups never asked marked, or null.</summary>
    public static CrosstabResult? CrosstabOf(this QuestionnaireAnalysis analysis, Question question) =>
        analysis.By is { } by && analysis.Crosstabs.TryGetValue(question.Id, out var crosstab)
            ? Crosstab.MarkNotAsked(crosstab, option => !WasAsked(question, by, option))
            : null;
}
