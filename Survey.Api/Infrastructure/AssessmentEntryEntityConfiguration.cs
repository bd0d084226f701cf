using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Survey.Api.Model;

namespace Survey.Api.Infrastructure;

public sealed class AssessmentEntryEntityConfiguration : IEntityTypeConfiguration<AssessmentEntry>
{
    public void Configure(EntityTypeBuilder<AssessmentEntry> builder)
    {
        builder.ToTable("assessment_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.QuestionnaireId).HasMaxLength(64);
        builder.Property(e => e.RoundId).HasMaxLength(64);
        builder.Property(e => e.OrganisationId).HasMaxLength(64);
        builder.Property(e => e.EnteredBy).HasMaxLength(200);
        // The current value is the latest entry of a (questionnaire, round, organisation): this index serves that read.
        builder.HasIndex(e => new { e.QuestionnaireId, e.RoundId, e.OrganisationId, e.Id });
    }
}
