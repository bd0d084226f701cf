using Microsoft.Extensions.Options;
using Survey.Analysis.Evaluation;
using Survey.Analysis.League;
using Survey.Analysis.Rounds;
using Survey.Analysis.Statistics;
using Survey.Analysis.Tallies;
using Survey.Api.Assessments;
using Survey.Api.Apis.Contracts;
using Survey.Api.Results;

namespace Survey.Api.Rounds;

/// <summary>League tables of organisations in a round, with the three-step composite when its scores are entered.</summary>
public sealed class LeagueService(RoundSource source, AssessmentStore assessments, IOptions<SurveyOptions> options)
{
    public static EvaluationWeights Weights(Questionnaire questionnaire) => questionnaire.Evaluation is { } e
        ? new EvaluationWeights(e.Residents, e.Review, e.Self) : EvaluationWeights.Default;

    public async Task<(LeagueResult League, RoundFigures Figures)> ComputeAsync(Questionnaire questionnaire, ResponseFilter filter, Question by, Round round,
        CancellationToken cancellationToken)
    {
        var figures = await source.LoadAsync(questionnaire, filter, TallyBase.Answered, by, round, cancellationToken);
        var scores = by.Id == questionnaire.Evaluation?.Organisations
            ? (await assessments.CurrentAsync(questionnaire, round, cancellationToken)).ToDictionary(a => a.OrganisationId)
            : [];
        var scored = questionnaire.Questions.Where(q => q.IsScored).ToList();
        var entries = by.OptionList.Select((organisation, column) =>
        {
            var (satisfied, answers) = SatisfiedAnswers(questionnaire, scored, figures.Analysis, column);
            var entered = scores.GetValueOrDefault(organisation.Id);
            return new LeagueEntry(organisation.Id, organisation.Label, figures.CompositeBySegment.GetValueOrDefault(organisation.Id),
                satisfied, answers, entered?.Review, entered?.Self);
        }).ToList();
        return (LeagueTable.Compute(entries, Weights(questionnaire), options.Value.SuppressionThreshold), figures);
    }

    /// <summary>
    /// Satisfied answers of all scored answers of one organisation, pooled over the scored items (the cross-tab cells of
    /// each item by the organisation question). Answers, not respondents: a respondent answers every item. (0, 0) when a
    /// cross-tab withheld the column.
    /// </summary>
    private static (long Satisfied, long Answers) SatisfiedAnswers(Questionnaire questionnaire, IReadOnlyList<Question> scored, QuestionnaireAnalysis analysis, int column)
    {
        long satisfied = 0, answers = 0;
        foreach (var item in scored)
        {
            if (!analysis.Crosstabs.TryGetValue(item.Id, out var crosstab) || crosstab.Columns[column].Base == 0) continue;
            foreach (var (option, row) in item.OptionList.Zip(crosstab.Rows))
            {
                if (option.Score is null) continue;
                if (row.Cells[column].Count is not { } count) return (0, 0);
                answers += count;
                if (SatisfactionRule.CountsAsSatisfied(questionnaire, item, option)) satisfied += count;
            }
        }
        return (satisfied, answers);
    }

    public LeagueResults View(Questionnaire questionnaire, Question by, Round round, LeagueResult league, RoundFigures figures)
    {
        var weights = Weights(questionnaire);
        var threshold = options.Value.SuppressionThreshold;
        return new LeagueResults(questionnaire.Id, by.Id, round.Id, round.Label, round.From, round.To, figures.Responses,
            league.RankedByComposite ? "composite" : "index", new LeagueWeights(weights.Residents, weights.Review, weights.Self), threshold,
            SatisfactionRule.Describe(questionnaire), league.Rows.Select(Row).ToList());
    }

    private static LeagueRowView Row(LeagueRow row) => row.Suppressed
        ? new(row.Id, row.Label, null, LeagueRow.SuppressedLabel, null, null, null, null, null, null, null, null, null, null, null, null, "")
        : new(row.Id, row.Label, row.N, null,
            R(row.Index?.Index), R(row.Index?.CiLow), R(row.Index?.CiHigh),
            R(row.SatisfiedRate * 100), R(row.SatisfiedInterval?.Low * 100), R(row.SatisfiedInterval?.High * 100),
            row.Self, row.Review, R(row.Composite?.Index), R(row.Composite?.CiLow), R(row.Composite?.CiHigh),
            row.Rank, row.Letters);

    private static double? R(double? value) => ResultsJson.Round(value);
}
