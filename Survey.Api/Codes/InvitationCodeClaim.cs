using Survey.Api.Infrastructure;
using Survey.Api.Responses;

namespace Survey.Api.Codes;

/// <summary>Marks a code used inside the caller's transaction (the one that stores the response).</summary>
public static class InvitationCodeClaim
{
    /// <summary>Null when the code was unused and is now marked used; otherwise why it was refused (nothing changed).</summary>
    public static async Task<StoreOutcome?> ClaimAsync(SurveyDbContext db, string questionnaireId, string codeHash)
    {
        // The affected-row count decides: on PostgreSQL a concurrent claim of the same row waits for this transaction
        // and then re-checks "not used" (READ COMMITTED), so exactly one of them gets 1. Only the boolean changes:
        // no response id, no time.
        var claimed = await db.InvitationCodes
            .Where(c => c.Hash == codeHash && c.QuestionnaireId == questionnaireId && !c.Used && !c.Revoked)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Used, true));
        if (claimed == 1) return null;
        var state = await db.InvitationCodes.AsNoTracking()
            .Where(c => c.Hash == codeHash && c.QuestionnaireId == questionnaireId)
            .Select(c => new { c.Revoked }).FirstOrDefaultAsync();
        return state is null ? StoreOutcome.CodeUnknown : state.Revoked ? StoreOutcome.CodeRevoked : StoreOutcome.CodeUsed;
    }
}
