using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Survey.Api.Model;

namespace Survey.Api.Infrastructure;

public sealed class SetAsideResponseEntityConfiguration : IEntityTypeConfiguration<SetAsideResponse>
{
    public void Configure(EntityTypeBuilder<SetAsideResponse> builder)
    {
        builder.ToTable("set_aside_responses");
        builder.HasKey(r => new { r.SetAsideId, r.Seq });
    }
}
