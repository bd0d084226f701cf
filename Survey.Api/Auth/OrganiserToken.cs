using System.Security.Cryptography;
using System.Text;

namespace Survey.Api.Auth;

/// <summary>
/// The organisers' bearer token: <c>Survey:OrganiserToken</c> (env <c>Survey__OrganiserToken</c>) or, if unset,
/// a random token generated on first start (43 characters, 256 random bits) and kept in the data folder so it
/// survives restarts. A token shorter than <see cref="MinimumLength"/> is refused at start: with the sign-in limit
/// (10 failures per 10 minutes per client) a short human-chosen token can still be guessed by many clients at once.
/// </summary>
public sealed class OrganiserToken
{
    private readonly byte[] tokenHash;

    public OrganiserToken(string value, bool generated, string? storedAt)
    {
        Value = value;
        Generated = generated;
        StoredAt = storedAt;
        tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
    }

    public const int MinimumLength = 32;

    public string Value { get; }
    public bool Generated { get; }
    public string? StoredAt { get; }

    /// <summary>Constant-time comparison of hashes (equal lengths), so timing reveals nothing about the token.</summary>
    public bool Matches(string candidate) =>
        CryptographicOperations.FixedTimeEquals(tokenHash, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));

    public static OrganiserToken Resolve(string? configured, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return new OrganiserToken(LongEnough(configured.Trim(), "Survey:OrganiserToken"), generated: false, storedAt: null);
        var file = Path.Combine(dataDirectory, "organiser-token");
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } stored)
            return new OrganiserToken(LongEnough(stored, file), generated: true, storedAt: file);
        Directory.CreateDirectory(dataDirectory);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        File.WriteAllText(file, token + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new OrganiserToken(token, generated: true, storedAt: file);
    }

    private static string LongEnough(string token, string source) => token.Length >= MinimumLength ? token : throw new StartupRefusal(
        $"The organiser token from {source} has {token.Length} characters; at least {MinimumLength} random characters are required. " +
        "Unset Survey:OrganiserToken (and delete data/organiser-token) to have one generated, or use e.g. `openssl rand -base64 33`.");
}
