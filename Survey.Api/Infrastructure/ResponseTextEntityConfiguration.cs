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
        // The snapshot joins texts to their responses; nothing reads texts by question in SQL (the analysis counts
        // them in memory), so there is no (questionnaire, question) index to keep up on every insert.
        builder.HasIndex(t => t.ResponseId);
    }
}
