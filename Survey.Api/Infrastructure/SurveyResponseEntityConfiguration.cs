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
        // A small number (0 web, 1 paper, 2 import); rows stored before the column existed were all web.
        builder.Property(r => r.Mode).HasConversion<short>().HasDefaultValue(ResponseMode.Web).HasSentinel(ResponseMode.Web);
        // The snapshot reads "Seq > last seen" per questionnaire; unique, so a number is never given twice.
        builder.HasIndex(r => new { r.QuestionnaireId, r.Seq }).IsUnique();
        builder.HasMany(r => r.Texts).WithOne().HasForeignKey(t => t.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}
