using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Survey.Api.Model;

namespace Survey.Api.Audit;

/// <summary>
/// The audit log's hash chain. Each entry's <see cref="AuditEntry.Hash"/> is the SHA-256 (lower-case hex) of its
/// canonical form, which includes the previous entry's hash, so changing, removing or reordering any entry breaks
/// every link after it. The canonical form, byte for byte, so anyone can check a copy of the table:
/// <code>
/// canonical = field("survey-audit-v1") field(seq) field(at) field(actor) field(action) field(target) field(details) field(prevHash)
/// field(s)  = ASCII decimal byte length of UTF-8(s), ":", UTF-8(s), ","            (a netstring)
/// seq       = decimal, no leading zeros (1, 2, 3…)
/// at        = UTC time as yyyy-MM-ddTHH:mm:ss.fffZ (milliseconds, e.g. 2026-11-26T02:41:07.123Z)
/// target    = the questionnaire id, or "" when none
/// details   = the stored JSON text exactly as stored, or "" when none
/// prevHash  = the previous entry's hash; for entry 1, 64 zeros
/// </code>
/// In Python: <c>hashlib.sha256(b"".join(b"%d:%s," % (len(f), f) for f in map(str.encode, fields))).hexdigest()</c>.
/// Entries are numbered 1, 2, 3… without gaps; the chain is intact when every entry's number follows the previous
/// one, its PrevHash is the previous entry's Hash and its Hash is the hash of its canonical form.
/// </summary>
public static class AuditChain
{
    public const string Version = "survey-audit-v1";
    public const string TimeFormat = "yyyy-MM-ddTHH:mm:ss.fff'Z'";
    public static readonly string Genesis = new('0', 64);

    /// <summary>The canonical bytes of an entry (see the class summary).</summary>
    public static byte[] Canonical(long seq, DateTime at, string actor, string action, string? target, string? details, string prevHash)
    {
        var buffer = new MemoryStream();
        foreach (var field in new[] { Version, seq.ToString(CultureInfo.InvariantCulture), FormatTime(at), actor, action, target ?? "", details ?? "", prevHash })
        {
            var bytes = Encoding.UTF8.GetBytes(field);
            buffer.Write(Encoding.ASCII.GetBytes(bytes.Length.ToString(CultureInfo.InvariantCulture) + ":"));
            buffer.Write(bytes);
            buffer.WriteByte((byte)',');
        }
        return buffer.ToArray();
    }

    public static string Hash(long seq, DateTime at, string actor, string action, string? target, string? details, string prevHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Canonical(seq, at, actor, action, target, details, prevHash)));

    public static string Hash(AuditEntry entry) =>
        Hash(entry.Seq, entry.At, entry.Actor, entry.Action, entry.Target, entry.Details, entry.PrevHash);

    /// <summary>The stored time: UTC, whole milliseconds (both databases keep it exactly).</summary>
    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    public static string FormatTime(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Checks entries in the order given (by Seq). Returns null when intact, else the first broken entry and why.</summary>
    public sealed class Verifier
    {
        private long expectedSeq = 1;
        private string previousHash = Genesis;

        public long Count { get; private set; }
        public string HeadHash => previousHash;

        /// <returns>null when the entry continues the chain; otherwise why not (in English, naming the entry).</returns>
        public string? Add(AuditEntry entry)
        {
            if (entry.Seq != expectedSeq)
                return entry.Seq > expectedSeq
                    ? $"entry {entry.Seq}: expected entry {expectedSeq} here (entries {expectedSeq}–{entry.Seq - 1} are missing)"
                    : $"entry {entry.Seq}: out of order or repeated (expected entry {expectedSeq})";
            if (!string.Equals(entry.PrevHash, previousHash, StringComparison.Ordinal))
                return $"entry {entry.Seq}: its previous hash {entry.PrevHash} is not the hash of entry {entry.Seq - 1} ({previousHash})";
            var computed = Hash(entry);
            if (!string.Equals(entry.Hash, computed, StringComparison.Ordinal))
                return $"entry {entry.Seq}: content changed (stored hash {entry.Hash}, content hashes to {computed})";
            previousHash = entry.Hash;
            expectedSeq++;
            Count++;
            return null;
        }
    }
}
