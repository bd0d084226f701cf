using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Survey.Api.Model;

namespace Survey.Api.Infrastructure;

public sealed class EntryFormEntityConfiguration : IEntityTypeConfiguration<EntryForm>
{
    public void Configure(EntityTypeBuilder<EntryForm> builder)
    {
        builder.ToTable("entry_forms");
        builder.HasKey(f => new { f.BatchId, f.Copy, f.Number });
        builder.HasOne<EntryBatch>().WithMany().HasForeignKey(f => f.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
