using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Survey.Api.Model;

namespace Survey.Api.Infrastructure;

public sealed class LegacyResponseAnswerEntityConfiguration : IEntityTypeConfiguration<LegacyResponseAnswer>
{
    public void Configure(EntityTypeBuilder<LegacyResponseAnswer> builder)
    {
        builder.ToTable("response_answers");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.QuestionnaireId).HasMaxLength(64).IsRequired();
        builder.Property(a => a.QuestionId).HasMaxLength(64).IsRequired();
        builder.Property(a => a.OptionId).HasMaxLength(64).IsRequired();
        builder.HasIndex(a => new { a.QuestionnaireId, a.QuestionId, a.OptionId });
        builder.HasIndex(a => new { a.ResponseId, a.QuestionId, a.OptionId }).IsUnique();
        builder.HasOne<SurveyResponse>().WithMany().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}
