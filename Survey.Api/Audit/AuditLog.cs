using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Survey.Api.Auth;
using Survey.Api.Infrastructure;
using Survey.Api.Model;

namespace Survey.Api.Audit;

/// <summary>
/// Appends to the audit log (<c>audit_log</c>) and reads it. Appends are serialised across every instance on one
/// database, so the hash chain (<see cref="AuditChain"/>) never forks: on PostgreSQL a transaction-scoped advisory lock
/// (<c>pg_advisory_xact_lock</c>) is taken before the head is read, on SQLite the transaction begins IMMEDIATE (the
/// one writer lock); the number is the head's plus one and the primary key, so even a broken lock could not fork the
/// chain, only fail an append. An append joins the caller's transaction when there is one (the action and its entry
/// commit together), else runs in its own. Nothing here updates or deletes an entry, and no route does.
/// </summary>
public sealed class AuditLog(SurveyDbContext db, TimeProvider clock)
{
    /// <summary>The actor of requests authenticated with the organiser token (bearer, or the sign-in form without an account name).</summary>
    public const string TokenActor = "token";

    /// <summary>The actor of the server's own entries (questionnaire configuration read at start-up).</summary>
    public const string SystemActor = "system";

    /// <summary>The actor of failed sign-ins: nobody is signed in (the name tried is in the details).</summary>
    public const string AnonymousActor = "anonymous";

    private const long AdvisoryLockKey = 7310582;

    public static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web)
    {
        // Chinese stays readable in the stored text; HTML-sensitive characters are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Who acted: the organiser account name, <see cref="TokenActor"/>, or <see cref="AnonymousActor"/>.</summary>
    public static string ActorOf(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true } identity) return AnonymousActor;
        if (identity.AuthenticationType == OrganiserTokenAuthenticationHandler.SchemeName || identity.Name == OrganiserCredentials.TokenSignInName)
            return TokenActor;
        return identity.Name is { Length: > 0 } name ? name : AnonymousActor;
    }

    public Task<AuditEntry> AppendAsync(ClaimsPrincipal user, string action, string? questionnaireId, object? details, CancellationToken cancellationToken) =>
        AppendAsync(ActorOf(user), action, questionnaireId, details, cancellationToken);

    /// <summary>Appends one entry (details serialised as JSON) and returns it; durable when this returns, or with the caller's transaction.</summary>
    public async Task<AuditEntry> AppendAsync(string actor, string action, string? questionnaireId, object? details, CancellationToken cancellationToken) =>
        (await AppendIfAsync(actor, action, questionnaireId, details, condition: null, cancellationToken))!;

    /// <summary>
    /// Records a questionnaire's configuration: <see cref="AuditActions.QuestionnaireLoaded"/> with its id, version and
    /// the SHA-256 of its file, unless the last such entry for it has the same hash. Checked under the append lock, so
    /// instances starting together record a change once.
    /// </summary>
    public Task<AuditEntry?> RecordQuestionnaireAsync(Questionnaire questionnaire, CancellationToken cancellationToken) =>
        AppendIfAsync(SystemActor, AuditActions.QuestionnaireLoaded, questionnaire.Id,
            new { id = questionnaire.Id, version = questionnaire.Version, hash = questionnaire.ContentHash },
            async () =>
            {
                var last = await db.AuditLog.AsNoTracking()
                    .Where(e => e.Target == questionnaire.Id && e.Action == AuditActions.QuestionnaireLoaded)
                    .OrderByDescending(e => e.Seq).Select(e => e.Details).FirstOrDefaultAsync(cancellationToken);
                return last is null || !(JsonDocument.Parse(last).RootElement.TryGetProperty("hash", out var hash) && hash.GetString() == questionnaire.ContentHash);
            },
            cancellationToken);

    private async Task<AuditEntry?> AppendIfAsync(
        string actor, string action, string? questionnaireId, object? details, Func<Task<bool>>? condition, CancellationToken cancellationToken)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            if (db is PostgresSurveyDbContext)
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
            // SQLite: BeginTransaction is BEGIN IMMEDIATE, so this transaction already holds the database's one write lock.
            if (condition is not null && !await condition()) return null;
            var head = await db.AuditLog.AsNoTracking().OrderByDescending(e => e.Seq)
                .Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(cancellationToken);
            var entry = new AuditEntry
            {
                Seq = (head?.Seq ?? 0) + 1,
                At = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime),
                Actor = Limit(actor, 200),
                Action = action,
                Target = questionnaireId,
                Details = details is null ? null : JsonSerializer.Serialize(details, DetailsJson),
                PrevHash = head?.Hash ?? AuditChain.Genesis,
                Hash = "",
            };
            entry.Hash = AuditChain.Hash(entry);
            db.AuditLog.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
            db.Entry(entry).State = EntityState.Detached;
            if (own is not null) await own.CommitAsync(cancellationToken);
            return entry;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>Entries newest first, one page (1-based) of <paramref name="size"/>, and how many there are.</summary>
    public async Task<(int Total, IReadOnlyList<AuditEntry> Entries)> PageAsync(int page, int size, CancellationToken cancellationToken)
    {
        var total = await db.AuditLog.CountAsync(cancellationToken);
        var entries = await db.AuditLog.AsNoTracking().OrderByDescending(e => e.Seq)
            .Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return (total, entries);
    }

    /// <summary>Every entry, oldest first, read as it is needed.</summary>
    public IAsyncEnumerable<AuditEntry> AllAsync() => db.AuditLog.AsNoTracking().OrderBy(e => e.Seq).AsAsyncEnumerable();

    /// <summary>Walks the whole chain. Null when intact, else the first broken entry and why.</summary>
    public async Task<(long Count, string HeadHash, string? Broken)> VerifyAsync(CancellationToken cancellationToken)
    {
        var verifier = new AuditChain.Verifier();
        await foreach (var entry in AllAsync().WithCancellation(cancellationToken))
            if (verifier.Add(entry) is { } broken) return (verifier.Count, verifier.HeadHash, broken);
        return (verifier.Count, verifier.HeadHash, null);
    }

    /// <summary>A text cut to what its column holds (a name tried at sign-in can be anything).</summary>
    public static string Limit(string text, int length) => text.Length <= length ? text : text[..length];
}
