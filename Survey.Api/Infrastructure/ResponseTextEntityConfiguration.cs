using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Survey.Api.Model;

namespace Survey.Api.Infrastructure;

public sealed class ResponseTextEntityConfiguration : IEntityTypeConfiguration<ResponseText>
{
    public void Configure(EntityTypeBuilder<ResponseText> builder)
    {
        builder.ToTable("response_texts");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.QuestionnaireId).HasMaxLength(64).IsRequired();
        builder.Property(t => t.QuestionId).HasMaxLength(64).IsRequired();
        builder.Property(t => t.OptionId).HasMaxLength(64);
        builder.Property(t => t.Text).HasMaxLength(5000).IsRequired();
        builder.HasIndex(t => new { t.QuestionnaireId, t.QuestionId });
        builder.HasIndex(t => t.ResponseId);
    }
}
