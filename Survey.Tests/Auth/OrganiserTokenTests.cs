using Survey.Api;
using Survey.Api.Auth;

namespace Survey.Tests.Auth;

/// <summary>A short organiser token is refused at start with a message saying what to do; the generated one is long enough.</summary>
public sealed class OrganiserTokenTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("survey-token-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_configured_token_shorter_than_32_characters_is_refused_with_a_clear_message()
    {
        var refusal = Assert.Throws<StartupRefusal>(() => OrganiserToken.Resolve("letmein-2026", folder));
        Assert.Contains("12 characters", refusal.Message);
        Assert.Contains("at least 32", refusal.Message);
        Assert.Contains("Survey:OrganiserToken", refusal.Message);
        Assert.Equal(32, OrganiserToken.Resolve(new string('x', 32), folder).Value.Length);
    }

    [Fact]
    public void The_generated_token_is_long_enough_kept_and_a_shortened_token_file_is_refused()
    {
        var generated = OrganiserToken.Resolve(null, folder);
        Assert.True(generated.Value.Length >= OrganiserToken.MinimumLength);
        Assert.Equal(generated.Value, OrganiserToken.Resolve(null, folder).Value);

        File.WriteAllText(generated.StoredAt!, "short\n");
        Assert.Contains(generated.StoredAt!, Assert.Throws<StartupRefusal>(() => OrganiserToken.Resolve(null, folder)).Message);
    }
}
