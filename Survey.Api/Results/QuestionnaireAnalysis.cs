using Survey.Analysis.Crosstabs;
using Survey.Analysis.Statistics;
using Survey.Analysis.Tallies;

namespace Survey.Api.Results;

/// <summary>
/// Everything computed for one questionnaire, filter, base and break-down: the analysis library's results per
/// question (tallies, Cochran's Q, cross-tabs). The JSON results, the charts, the dashboard and the exports are all
/// views of this one object, so they cannot disagree.
/// </summary>
public sealed record QuestionnaireAnalysis(
    Questionnaire Questionnaire,
    ResponseFilter Filter,
    TallyBase Basis,
    Question? By,
    int SuppressionThreshold,
    ResponseCounts Counts,
    IReadOnlyDictionary<string, ChoiceTally> Tallies,
    IReadOnlyDictionary<string, CochranQResult> Cochran,
    IReadOnlyDictionary<string, CrosstabResult> Crosstabs);
