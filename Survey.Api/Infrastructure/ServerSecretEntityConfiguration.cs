using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Survey.Api.Model;

namespace Survey.Api.Infrastructure;

public sealed class ServerSecretEntityConfiguration : IEntityTypeConfiguration<ServerSecret>
{
    public void Configure(EntityTypeBuilder<ServerSecret> builder)
    {
        builder.ToTable("server_secrets");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(64);
        builder.Property(s => s.Value).IsRequired();
    }
}
