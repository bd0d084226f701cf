using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Survey.Api.Model;

namespace Survey.Api.Infrastructure;

public sealed class InvitationCodeEntityConfiguration : IEntityTypeConfiguration<InvitationCode>
{
    public void Configure(EntityTypeBuilder<InvitationCode> builder)
    {
        builder.ToTable("invitation_codes");
        builder.HasKey(c => c.Hash);
        builder.Property(c => c.Hash).HasMaxLength(64);
        builder.Property(c => c.QuestionnaireId).HasMaxLength(64).IsRequired();
        builder.Property(c => c.Tag).HasMaxLength(200);
        // For counts per questionnaire and tag. Used and Revoked are not indexed, so marking a code used changes no
        // index and PostgreSQL can update it in place on its page (a HOT update) rather than append it in order of use.
        builder.HasIndex(c => new { c.QuestionnaireId, c.Tag });
    }
}
