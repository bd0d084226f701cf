using System.Security.Cryptography;

namespace Survey.Api.Codes;

/// <summary>
/// Invitation codes: 9 symbols from 31 that cannot be mistaken for one another (no 0/O, 1/I/L), drawn uniformly by
/// the operating system's CSPRNG: 31^9 ≈ 2.6·10^13 codes, log2 = 44.6 bits each. Shown as "ABCD-EFGHJ"; typed
/// in any case, with or without the dash or spaces.
/// </summary>
public static class InvitationCodeFormat
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Length = 9;

    /// <summary>log2(31^9): the randomness of one code, in bits.</summary>
    public static double Bits => Length * Math.Log2(Alphabet.Length);

    /// <summary>A new code in its canonical form (upper case, no dash).</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>"ABCDEFGHJ" → "ABCD-EFGHJ".</summary>
    public static string Display(string canonical) => $"{canonical[..4]}-{canonical[4..]}";

    /// <summary>The canonical form of what someone typed, or null when it cannot be a code (wrong length or symbols).</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null) return null;
        Span<char> symbols = stackalloc char[Length];
        var count = 0;
        foreach (var c in typed)
        {
            if (c is '-' or ' ' or '\u00A0' or '\u3000' or '—' or '－') continue;
            var upper = char.ToUpperInvariant(c);
            if (count == Length || !Alphabet.Contains(upper)) return null;
            symbols[count++] = upper;
        }
        return count == Length ? new string(symbols) : null;
    }
}
