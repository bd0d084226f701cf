using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Survey.Api.Model;

namespace Survey.Api.Infrastructure;

public sealed class IdempotencyRecordEntityConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        // The primary key makes a concurrent second insert of the same key fail, so two racing retries store once.
        builder.HasKey(r => r.KeyHash);
        builder.Property(r => r.KeyHash).HasMaxLength(64);
        builder.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        builder.HasOne<SurveyResponse>().WithMany().HasForeignKey(r => r.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}
