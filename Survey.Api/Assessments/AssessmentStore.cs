using Survey.Analysis.Rounds;
using Survey.Api.Audit;
using Survey.Api.Infrastructure;
using Survey.Api.Model;
using Survey.Api.Results;

namespace Survey.Api.Assessments;

/// <summary>Reads and appends three-step evaluation scores. Nothing is updated or deleted: every change is a new row.</summary>
public sealed class AssessmentStore(SurveyDbContext db, TimeProvider clock, AuditLog audit)
{
    /// <summary>The organisations of the questionnaire's <c>evaluation.organisations</c> question, or null when it has none.</summary>
    public static Question? OrganisationQuestion(Questionnaire questionnaire) =>
        questionnaire.Evaluation?.Organisations is { } id ? questionnaire.FindQuestion(id) : null;

    /// <summary>Per organisation (in option order) its latest entry in the round, or nulls.</summary>
    public async Task<IReadOnlyList<Assessment>> CurrentAsync(Questionnaire questionnaire, Round round, CancellationToken cancellationToken)
    {
        var history = await HistoryAsync(questionnaire, round, cancellationToken);
        return (OrganisationQuestion(questionnaire)?.OptionList ?? []).Select(o =>
            history.FirstOrDefault(h => h.OrganisationId == o.Id) is { } latest
                ? new Assessment(o.Id, o.Label, latest.Self, latest.Review, latest.EnteredBy, latest.EnteredAt)
                : new Assessment(o.Id, o.Label, null, null, null, null)).ToList();
    }

    /// <summary>Every change in the round, newest first.</summary>
    public async Task<IReadOnlyList<AssessmentChange>> HistoryAsync(Questionnaire questionnaire, Round round, CancellationToken cancellationToken) =>
        await db.AssessmentEntries
            .Where(e => e.QuestionnaireId == questionnaire.Id && e.RoundId == round.Id)
            .OrderByDescending(e => e.Id)
            .Select(e => new AssessmentChange(e.OrganisationId, e.Self, e.Review, e.EnteredBy, e.EnteredAt))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Appends one change per organisation given (scores already checked), stamped with who and now, and its audit
    /// entry (<see cref="AuditActions.AssessmentsEntered"/>) in the same transaction.
    /// </summary>
    public async Task<IReadOnlyList<AssessmentChange>> AppendAsync(
        Questionnaire questionnaire, Round round, IReadOnlyList<(string OrganisationId, double? Self, double? Review)> changes, System.Security.Claims.ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var enteredBy = user.Identity?.Name ?? "?";
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = changes.Select(c => new AssessmentEntry
        {
            QuestionnaireId = questionnaire.Id, RoundId = round.Id, OrganisationId = c.OrganisationId,
            Self = c.Self, Review = c.Review, EnteredBy = enteredBy, EnteredAt = now,
        }).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.AssessmentEntries.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(user, AuditActions.AssessmentsEntered, questionnaire.Id,
            new { round = round.Id, changes = changes.Select(c => new { organisation = c.OrganisationId, self = c.Self, review = c.Review }) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows.Select(e => new AssessmentChange(e.OrganisationId, e.Self, e.Review, e.EnteredBy, e.EnteredAt)).ToList();
    }

    /// <summary>A score as entered: empty = not entered; otherwise a number 0–100, or an error in Chinese.</summary>
    public static bool TryParseScore(string? text, out double? score, out string? error)
    {
        score = null; error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (double.TryParse(text.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
            return TryCheckScore(value, out score, out error);
        error = $"分数应为 0–100 的数字：“{text}”";
        return false;
    }

    public static bool TryCheckScore(double? value, out double? score, out string? error)
    {
        score = value; error = null;
        if (value is null || double.IsFinite(value.Value) && value is >= 0 and <= 100) return true;
        error = $"分数应为 0–100 的数字：“{value}”";
        return false;
    }
}
