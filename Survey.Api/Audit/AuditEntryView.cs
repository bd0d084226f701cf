namespace Survey.Api.Audit;

/// <summary>An audit entry as <c>GET /api/audit</c> returns it: the stored fields (details as the stored JSON text, so the hash can be recomputed) and the action's Chinese label.</summary>
public sealed record AuditEntryView(long Seq, DateTime At, string Actor, string Action, string Label, string? Target, string? Details, string PrevHash, string Hash);
