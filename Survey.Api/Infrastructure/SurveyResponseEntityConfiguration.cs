using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Survey.Api.Model;

namespace Survey.Api.Infrastructure;

public sealed class SurveyResponseEntityConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.ToTable("responses");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.QuestionnaireId).HasMaxLength(64).IsRequired();
        builder.HasIndex(r => new { r.QuestionnaireId, r.SubmittedAt });
        builder.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Texts).WithOne().HasForeignKey(t => t.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}
