using System.Security.Cryptography;
using System.Text;
using Survey.Api.Infrastructure;
using Survey.Api.Model;

namespace Survey.Api.Codes;

/// <summary>
/// Hashes codes with HMAC-SHA256 under a server secret, so the database holds no code and a stolen hash list cannot
/// be checked against guesses without the secret. The secret is a random 32-byte row in <c>server_secrets</c>,
/// created by the first instance that needs it (insert-if-absent, so concurrent instances agree) and then read by
/// every instance: nothing to configure, and all instances on one database share it (README, "Invitation codes").
/// </summary>
public sealed class InvitationCodeHasher(IServiceScopeFactory scopes)
{
    public const string SecretName = "invitation-codes";

    private readonly SemaphoreSlim loading = new(1, 1);
    private byte[]? secret;

    /// <summary>The hex HMAC of "questionnaire id:canonical code".</summary>
    public async Task<string> HashAsync(string questionnaireId, string canonicalCode, CancellationToken cancellationToken)
    {
        var key = secret ?? await LoadSecretAsync(cancellationToken);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{questionnaireId}:{canonicalCode}")));
    }

    private async Task<byte[]> LoadSecretAsync(CancellationToken cancellationToken)
    {
        await loading.WaitAsync(cancellationToken);
        try
        {
            if (secret is not null) return secret;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            var candidate = RandomNumberGenerator.GetBytes(32);
            // Both SQLite and PostgreSQL: the first instance's value wins, later ones keep it.
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO server_secrets ("Name", "Value") VALUES ({SecretName}, {candidate}) ON CONFLICT DO NOTHING""", cancellationToken);
            secret = await db.ServerSecrets.AsNoTracking().Where(s => s.Name == SecretName).Select(s => s.Value).SingleAsync(cancellationToken);
            return secret;
        }
        finally
        {
            loading.Release();
        }
    }
}
