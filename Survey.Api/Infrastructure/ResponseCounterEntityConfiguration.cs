using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Survey.Api.Model;

namespace Survey.Api.Infrastructure;

public sealed class ResponseCounterEntityConfiguration : IEntityTypeConfiguration<ResponseCounter>
{
    public void Configure(EntityTypeBuilder<ResponseCounter> builder)
    {
        builder.ToTable("response_counters");
        builder.HasKey(c => c.QuestionnaireId);
        builder.Property(c => c.QuestionnaireId).HasMaxLength(64);
    }
}
