namespace Survey.Api.Model;

/// <summary>A random secret created once in the database, so every server instance on it uses the same one.</summary>
public sealed class ServerSecret
{
    public required string Name { get; set; }

    public required byte[] Value { get; set; }
}
