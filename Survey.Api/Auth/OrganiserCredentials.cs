using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Survey.Api.Auth;

/// <summary>Checks a sign-in: the organiser token (no account name), or a configured account's password.</summary>
public sealed class OrganiserCredentials(OrganiserToken token, IOptionsMonitor<SurveyOptions> options)
{
    public const string TokenSignInName = "组织者（令牌）";

    private static readonly PasswordHasher<OrganiserAccount> Hasher = new();

    /// <summary>A hash of nothing anyone knows, verified for unknown names so their timing matches known ones.</summary>
    private static readonly string DecoyHash = Hasher.HashPassword(new OrganiserAccount(), Guid.NewGuid().ToString());

    /// <returns>The signed-in name, or null when the credentials are wrong.</returns>
    public string? Verify(string? name, string? secret)
    {
        if (string.IsNullOrEmpty(secret)) return null;
        if (string.IsNullOrWhiteSpace(name)) return token.Matches(secret) ? TokenSignInName : null;
        var account = options.CurrentValue.Organisers.FirstOrDefault(a => string.Equals(a.Name, name.Trim(), StringComparison.Ordinal));
        var hash = account?.PasswordHash is { Length: > 0 } configured ? configured : DecoyHash;
        PasswordVerificationResult result;
        try { result = Hasher.VerifyHashedPassword(account ?? new OrganiserAccount(), hash, secret); }
        catch (FormatException) { result = PasswordVerificationResult.Failed; } // a malformed configured hash signs no one in
        return account is not null && result != PasswordVerificationResult.Failed ? account.Name : null;
    }

    public static string HashPassword(string password) => Hasher.HashPassword(new OrganiserAccount(), password);
}
