namespace Survey.Api.Model;

/// <summary>
/// One entry of the append-only audit log of organiser actions (<see cref="Audit.AuditLog"/>): who, what, when, on
/// which questionnaire, with details as JSON text. Each entry carries the hash of the one before it
/// (<see cref="Audit.AuditChain"/>), so an edited, removed or reordered entry breaks the chain. Never updated or deleted.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>1, 2, 3…: assigned under a lock by the appender (never by the database), so the chain cannot fork.</summary>
    public long Seq { get; set; }

    /// <summary>UTC, to the millisecond.</summary>
    public DateTime At { get; set; }

    /// <summary>The organiser account name, <c>token</c> (the organiser token), or <c>system</c> (the server itself).</summary>
    public required string Actor { get; set; }

    /// <summary>A stable English key, e.g. <c>signin.failed</c> (<see cref="Audit.AuditActions"/>).</summary>
    public required string Action { get; set; }

    /// <summary>The questionnaire acted on, or null.</summary>
    public string? Target { get; set; }

    /// <summary>JSON text, or null.</summary>
    public string? Details { get; set; }

    /// <summary>Hash of the previous entry (64 zeros for the first), lower-case hex.</summary>
    public required string PrevHash { get; set; }

    /// <summary>SHA-256 of this entry's canonical form, lower-case hex.</summary>
    public required string Hash { get; set; }
}
