using System.Security.Claims;
using Survey.Api.Audit;
using Survey.Api.Infrastructure;
using Survey.Api.Model;

namespace Survey.Api.Codes;

/// <summary>
/// Generating, revoking and counting invitation codes (scoped). Codes exist in plain text only in the value
/// <see cref="IssueAsync"/> returns: the database keeps their keyed hashes. Generation and revocation are recorded in
/// the audit log in the same transaction (count and tag, never a code).
/// </summary>
public sealed class InvitationCodes(SurveyDbContext db, InvitationCodeHasher hasher, TimeProvider clock, AuditLog audit)
{
    public const int MaxPerRequest = 2000;

    /// <summary>One tag's counts (tag null: untagged codes).</summary>
    public sealed record TagCounts(string? Tag, int Total, int Used, int Revoked)
    {
        public int Available => Total - Used - Revoked;
    }

    /// <summary>Why a count or tag was refused, in Chinese (null: valid).</summary>
    public static string? Check(Questionnaire questionnaire, int count, string? tag)
    {
        if (questionnaire.Access != QuestionnaireAccess.Codes)
            return $"问卷“{questionnaire.Title}”对所有人开放，不使用邀请码（问卷文件中 \"access\": \"codes\" 才使用邀请码）。";
        if (count is < 1 or > MaxPerRequest) return $"一次可生成1至{MaxPerRequest}个邀请码。";
        if (tag is null) return null;
        // A tag names one option of a single-choice question ("community:east-street"): it groups codes for printing.
        var parts = tag.Split(':');
        if (parts.Length != 2 || questionnaire.FindQuestion(parts[0]) is not { Type: QuestionType.Single } question)
            return $"标签“{tag}”应为“单选题编号:选项编号”，例如“community:east-street”。";
        if (question.FindOption(parts[1]) is null) return $"第“{question.Id}”题没有选项“{parts[1]}”。";
        return null;
    }

    /// <summary>The label of a tag's option ("东街社区"), or the tag itself.</summary>
    public static string? TagLabel(Questionnaire questionnaire, string? tag)
    {
        if (tag?.Split(':') is not [var questionId, var optionId]) return tag;
        return questionnaire.FindQuestion(questionId)?.FindOption(optionId)?.Label ?? tag;
    }

    /// <summary>
    /// Generates <paramref name="count"/> new codes (display form "ABCD-EFGHJ"), stores their hashes and returns the
    /// codes: the only time they exist in plain text. Check the arguments with <see cref="Check"/> first.
    /// </summary>
    public async Task<IReadOnlyList<string>> IssueAsync(ClaimsPrincipal organiser, Questionnaire questionnaire, int count, string? tag, CancellationToken cancellationToken)
    {
        if (Check(questionnaire, count, tag) is { } problem) throw new ArgumentException(problem);
        var today = BeijingTime.DayOf(clock.GetUtcNow());
        var codes = new List<string>(count);
        var seen = new HashSet<string>();
        while (codes.Count < count)
        {
            var code = InvitationCodeFormat.Generate();
            if (seen.Add(code)) codes.Add(code);
        }
        // The rows go in shuffled (the codes are random already; the list is not sorted), all at once.
        foreach (var code in codes)
            db.InvitationCodes.Add(new InvitationCode
            {
                Hash = await hasher.HashAsync(questionnaire.Id, code, cancellationToken),
                QuestionnaireId = questionnaire.Id, Tag = tag, CreatedOn = today,
            });
        // A clash with an existing code (odds about count·N/2.6e13) fails the primary key: nothing is stored and the organiser retries.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await audit.AppendAsync(organiser, AuditActions.CodesGenerated, questionnaire.Id, new { count, tag }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return codes.Select(InvitationCodeFormat.Display).ToList();
    }

    public enum RevokeOutcome { Revoked, AlreadyRevoked, AlreadyUsed, Unknown }

    /// <summary>Revokes one code (typed in any form). A used code stays used: its response is anonymous and stays counted.</summary>
    public async Task<RevokeOutcome> RevokeAsync(ClaimsPrincipal organiser, Questionnaire questionnaire, string typed, CancellationToken cancellationToken)
    {
        if (InvitationCodeFormat.Normalize(typed) is not { } canonical) return RevokeOutcome.Unknown;
        var hash = await hasher.HashAsync(questionnaire.Id, canonical, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var revoked = await db.InvitationCodes
                .Where(c => c.Hash == hash && c.QuestionnaireId == questionnaire.Id && !c.Used && !c.Revoked)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.Revoked, true), cancellationToken);
            if (revoked == 1)
            {
                // The count only: the code itself is never written to the log.
                await audit.AppendAsync(organiser, AuditActions.CodesRevoked, questionnaire.Id, new { count = 1 }, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return RevokeOutcome.Revoked;
            }
        }
        var state = await db.InvitationCodes.AsNoTracking().Where(c => c.Hash == hash && c.QuestionnaireId == questionnaire.Id)
            .Select(c => new { c.Used, c.Revoked }).FirstOrDefaultAsync(cancellationToken);
        return state is null ? RevokeOutcome.Unknown : state.Revoked ? RevokeOutcome.AlreadyRevoked : RevokeOutcome.AlreadyUsed;
    }

    /// <summary>Revokes every unused code with this tag (a lost or unused batch of slips); returns how many.</summary>
    public async Task<int> RevokeTagAsync(ClaimsPrincipal organiser, Questionnaire questionnaire, string tag, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var count = await db.InvitationCodes.Where(c => c.QuestionnaireId == questionnaire.Id && c.Tag == tag && !c.Used && !c.Revoked)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Revoked, true), cancellationToken);
        if (count > 0) await audit.AppendAsync(organiser, AuditActions.CodesRevoked, questionnaire.Id, new { count, tag }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>Counts per tag (never the codes).</summary>
    public async Task<IReadOnlyList<TagCounts>> CountsAsync(Questionnaire questionnaire, CancellationToken cancellationToken) =>
        (await db.InvitationCodes.AsNoTracking().Where(c => c.QuestionnaireId == questionnaire.Id)
            .GroupBy(c => c.Tag)
            .Select(g => new { Tag = g.Key, Total = g.Count(), Used = g.Count(c => c.Used), Revoked = g.Count(c => c.Revoked && !c.Used) })
            .ToListAsync(cancellationToken))
        .Select(g => new TagCounts(g.Tag, g.Total, g.Used, g.Revoked)).OrderBy(g => g.Tag, StringComparer.Ordinal).ToList();
}
