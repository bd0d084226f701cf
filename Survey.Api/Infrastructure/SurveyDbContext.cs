using Survey.Api.Model;

namespace Survey.Api.Infrastructure;

/// <summary>
/// The survey database. One context class per provider (<see cref="SqliteSurveyDbContext"/>,
/// <see cref="PostgresSurveyDbContext"/>) so each keeps its own migrations; code depends on this base type.
/// </summary>
public abstract class SurveyDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<SurveyResponse> Responses => Set<SurveyResponse>();
    public DbSet<LayoutAssignment> Layout => Set<LayoutAssignment>();
    public DbSet<ResponseCounter> Counters => Set<ResponseCounter>();
    public DbSet<LegacyResponseAnswer> LegacyAnswers => Set<LegacyResponseAnswer>();
    public DbSet<ResponseText> Texts => Set<ResponseText>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<AssessmentEntry> AssessmentEntries => Set<AssessmentEntry>();
    public DbSet<EntryBatch> EntryBatches => Set<EntryBatch>();
    public DbSet<EntryForm> EntryForms => Set<EntryForm>();
    public DbSet<InvitationCode> InvitationCodes => Set<InvitationCode>();
    public DbSet<ServerSecret> ServerSecrets => Set<ServerSecret>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<SetAside> SetAsides => Set<SetAside>();
    public DbSet<SetAsideResponse> SetAsideResponses => Set<SetAsideResponse>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SurveyDbContext).Assembly);
}
