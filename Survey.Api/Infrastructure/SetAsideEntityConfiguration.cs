using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Survey.Api.Model;

namespace Survey.Api.Infrastructure;

public sealed class SetAsideEntityConfiguration : IEntityTypeConfiguration<SetAside>
{
    public void Configure(EntityTypeBuilder<SetAside> builder)
    {
        builder.ToTable("set_asides");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.QuestionnaireId).HasMaxLength(64);
        builder.Property(s => s.Rule).HasMaxLength(32);
        builder.Property(s => s.GroupKey).HasMaxLength(200);
        builder.Property(s => s.Reason).HasMaxLength(500);
        builder.Property(s => s.SetAsideBy).HasMaxLength(200);
        builder.Property(s => s.RestoredBy).HasMaxLength(200);
        builder.HasIndex(s => s.QuestionnaireId);
        builder.HasMany(s => s.Responses).WithOne().HasForeignKey(r => r.SetAsideId);
    }
}
