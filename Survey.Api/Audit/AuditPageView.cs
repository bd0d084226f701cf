namespace Survey.Api.Audit;

/// <summary>One page of the audit log, newest first.</summary>
public sealed record AuditPageView(int Total, int Page, int PageSize, IReadOnlyList<AuditEntryView> Entries);
