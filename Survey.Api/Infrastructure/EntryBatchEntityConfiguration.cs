using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Survey.Api.Model;

namespace Survey.Api.Infrastructure;

public sealed class EntryBatchEntityConfiguration : IEntityTypeConfiguration<EntryBatch>
{
    public void Configure(EntityTypeBuilder<EntryBatch> builder)
    {
        builder.ToTable("entry_batches");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.QuestionnaireId).HasMaxLength(64);
        builder.Property(b => b.Label).HasMaxLength(100);
        builder.HasIndex(b => new { b.QuestionnaireId, b.CreatedAt });
    }
}
