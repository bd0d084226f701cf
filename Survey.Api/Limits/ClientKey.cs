using System.Security.Cryptography;

namespace Survey.Api.Limits;

/// <summary>
/// What per-client limits key on: an HMAC-SHA256 of the client address under a random key made at start and held
/// only in this process's memory. Limits can tell two clients apart without holding their addresses; the keys are
/// never stored or logged, and after a restart (a new key) nothing links them to an address any more.
/// </summary>
public sealed class ClientKey
{
    private readonly byte[] secret = RandomNumberGenerator.GetBytes(32);

    public string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        // IPv4 clients reached over a dual-stack socket count as themselves, not as a second client.
        if (address is { IsIPv4MappedToIPv6: true }) address = address.MapToIPv4();
        var bytes = address?.GetAddressBytes() ?? [];
        return Convert.ToBase64String(HMACSHA256.HashData(secret, bytes), 0, 16);
    }
}
