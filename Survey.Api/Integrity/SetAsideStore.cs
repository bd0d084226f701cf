using System.Security.Claims;
using Survey.Analysis.Integrity;
using Survey.Api.Audit;
using Survey.Api.Infrastructure;
using Survey.Api.Model;

namespace Survey.Api.Integrity;

/// <summary>
/// Sets flagged groups aside and restores them. Each change and its audit entry commit in one transaction. The
/// responses are never touched: a set-aside is a row naming them, and the engine's pass and the raw exports skip the
/// named responses while it is not restored.
/// </summary>
public sealed class SetAsideStore(SurveyDbContext db, TimeProvider clock, AuditLog audit)
{
    private const long AdvisoryLockKey = 7310583;

    /// <summary>Every set-aside of the questionnaire, newest first, with how many responses each holds.</summary>
    public async Task<IReadOnlyList<(SetAside SetAside, int Responses)>> ListAsync(string questionnaireId, CancellationToken cancellationToken) =>
        (await db.SetAsides.AsNoTracking().Where(s => s.QuestionnaireId == questionnaireId).OrderByDescending(s => s.Id)
            .Select(s => new { SetAside = s, Responses = s.Responses.Count }).ToListAsync(cancellationToken))
        .Select(s => (s.SetAside, s.Responses)).ToList();

    /// <summary>The sequence numbers set aside now (not restored).</summary>
    public async Task<HashSet<long>> ActiveSeqsAsync(string questionnaireId, CancellationToken cancellationToken) =>
        (await db.SetAsides.Where(s => s.QuestionnaireId == questionnaireId && s.RestoredAt == null)
            .SelectMany(s => s.Responses).Select(r => r.Seq).ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>Sets aside the group's responses not already set aside; null when there are none left.</summary>
    public async Task<SetAside?> SetAsideAsync(Questionnaire questionnaire, FlagGroup group, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two organisers (or two instances) setting the same group aside at once must not both find it free: on
        // PostgreSQL a transaction-scoped advisory lock orders them, so the second reads the first's set-aside; on
        // SQLite the transaction began IMMEDIATE and already holds the one write lock.
        if (db is PostgresSurveyDbContext)
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        var already = await ActiveSeqsAsync(questionnaire.Id, cancellationToken);
        var seqs = group.Seqs.Where(s => !already.Contains(s)).ToList();
        if (seqs.Count == 0) return null;
        var setAside = new SetAside
        {
            QuestionnaireId = questionnaire.Id, Rule = group.Rule, GroupKey = group.Key,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : AuditLog.Limit(reason.Trim(), 500),
            SetAsideBy = AuditLog.Limit(user.Identity?.Name ?? AuditLog.ActorOf(user), 200), SetAsideAt = clock.GetUtcNow().UtcDateTime,
            Responses = seqs.Select(s => new SetAsideResponse { Seq = s }).ToList(),
        };
        db.SetAsides.Add(setAside);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(user, AuditActions.SetAside, questionnaire.Id,
            new { setAside = setAside.Id, rule = group.Rule, group = group.Key, responses = seqs.Count, reason = setAside.Reason }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return setAside;
    }

    public enum RestoreOutcome { Restored, NotFound, AlreadyRestored }

    /// <summary>Counts the set-aside's responses again. Only once: a second restore (even at the same moment) changes nothing.</summary>
    public async Task<RestoreOutcome> RestoreAsync(string questionnaireId, long id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var setAside = await db.SetAsides.AsNoTracking().Where(s => s.Id == id && s.QuestionnaireId == questionnaireId)
            .Select(s => new { s.Rule, s.GroupKey, Responses = s.Responses.Count }).FirstOrDefaultAsync(cancellationToken);
        if (setAside is null) return RestoreOutcome.NotFound;
        var by = AuditLog.Limit(user.Identity?.Name ?? AuditLog.ActorOf(user), 200);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.SetAsides.Where(s => s.Id == id && s.RestoredAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RestoredAt, now).SetProperty(s => s.RestoredBy, by), cancellationToken);
        if (changed == 0) return RestoreOutcome.AlreadyRestored;
        await audit.AppendAsync(user, AuditActions.Restored, questionnaireId,
            new { setAside = id, rule = setAside.Rule, group = setAside.GroupKey, responses = setAside.Responses }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RestoreOutcome.Restored;
    }
}
