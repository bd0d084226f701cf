using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Survey.Api.Model;

namespace Survey.Api.Infrastructure;

public sealed class LayoutAssignmentEntityConfiguration : IEntityTypeConfiguration<LayoutAssignment>
{
    public void Configure(EntityTypeBuilder<LayoutAssignment> builder)
    {
        builder.ToTable("questionnaire_layout");
        builder.HasKey(a => new { a.QuestionnaireId, a.QuestionId, a.OptionId });
        builder.Property(a => a.QuestionnaireId).HasMaxLength(64);
        builder.Property(a => a.QuestionId).HasMaxLength(64);
        builder.Property(a => a.OptionId).HasMaxLength(64);
        // Two instances assigning at once cannot both take a bit: the loser retries (AnswerLayouts.SyncAsync).
        builder.HasIndex(a => new { a.QuestionnaireId, a.Slot, a.Bit }).IsUnique();
    }
}
