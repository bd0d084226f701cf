using System.Security.Cryptography;
using System.Text;

namespace Survey.Api.Auth;

/// <summary>
/// The organisers' bearer token: <c>Survey:OrganiserToken</c> (env <c>Survey__OrganiserToken</c>) or, if unset,
/// a random token generated on first start and kept in the data folder so it survives restarts.
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

    public string Value { get; }
    public bool Generated { get; }
    public string? StoredAt { get; }

    /// <summary>Constant-time comparison of hashes (equal lengths), so timing reveals nothing about the token.</summary>
    public bool Matches(string candidate) =>
        CryptographicOperations.FixedTimeEquals(tokenHash, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));

    public static OrganiserToken Resolve(string? configured, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return new OrganiserToken(configured.Trim(), generated: false, storedAt: null);
        var file = Path.Combine(dataDirectory, "organiser-token");
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: >= 16 } stored)
            return new OrganiserToken(stored, generated: true, storedAt: file);
        Directory.CreateDirectory(dataDirectory);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        File.WriteAllText(file, token + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new OrganiserToken(token, generated: true, storedAt: file);
    }
}
