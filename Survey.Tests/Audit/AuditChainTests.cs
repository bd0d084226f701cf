using Survey.Api.Audit;
using Survey.Api.Model;

namespace Survey.Tests.Audit;

/// <summary>The hash chain's canonical form (against hashes computed outside .NET) and the verifier's verdicts.</summary>
public sealed class AuditChainTests
{
    // Computed with Python 3 hashlib from the documented form, independently of this code:
    //   h = lambda fields: hashlib.sha256(b"".join(b"%d:%s," % (len(f), f) for f in map(str.encode, fields))).hexdigest()
    //   h(["survey-audit-v1", "1", "2026-11-26T02:41:07.123Z", "zhang.wei", "signin.succeeded", "", "", "0" * 64])
    private const string FirstHash = "3806c05ed9edcc7601132571ea88aa1dc1fc7358c6e8e88d6c1247afcf6df862";
    //   h(["survey-audit-v1", "2", "2026-11-26T02:41:08.000Z", "anonymous", "signin.failed", "", '{"name":"张伟","via":"form"}', FirstHash])
    private const string SecondHash = "dd1603a01c11dac860bb2508d2b41f97c440b60ec16fb4461eee6f9533011340";

    private static AuditEntry Entry(long seq, DateTime at, string actor, string action, string? details, string prev, string hash) =>
        new() { Seq = seq, At = at, Actor = actor, Action = action, Details = details, PrevHash = prev, Hash = hash };

    private static List<AuditEntry> TwoEntries() =>
    [
        Entry(1, new DateTime(2026, 11, 26, 2, 41, 7, 123, DateTimeKind.Utc), "zhang.wei", "signin.succeeded", null, AuditChain.Genesis, FirstHash),
        Entry(2, new DateTime(2026, 11, 26, 2, 41, 8, DateTimeKind.Utc), "anonymous", "signin.failed", """{"name":"张伟","via":"form"}""", FirstHash, SecondHash),
    ];

    private static List<AuditEntry> Chain(int count)
    {
        var entries = new List<AuditEntry>();
        var prev = AuditChain.Genesis;
        for (var seq = 1; seq <= count; seq++)
        {
            var entry = Entry(seq, new DateTime(2026, 11, 26, 3, 0, seq, DateTimeKind.Utc), "token", "export.downloaded", $$"""{"file":"export.csv","n":{{seq}}}""", prev, "");
            entry.Hash = AuditChain.Hash(entry);
            prev = entry.Hash;
            entries.Add(entry);
        }
        return entries;
    }

    private static string? FirstBreak(IEnumerable<AuditEntry> entries)
    {
        var verifier = new AuditChain.Verifier();
        return entries.Select(verifier.Add).FirstOrDefault(b => b is not null);
    }

    [Fact]
    public void The_canonical_form_is_length_prefixed_UTF8_fields()
    {
        var bytes = AuditChain.Canonical(2, new DateTime(2026, 1, 2, 3, 4, 5, 6, DateTimeKind.Utc), "张", "x", null, null, "p");
        Assert.Equal("15:survey-audit-v1,1:2,24:2026-01-02T03:04:05.006Z,3:张,1:x,0:,0:,1:p,", System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Hashes_match_the_ones_computed_outside_dotnet()
    {
        var entries = TwoEntries();
        Assert.Equal(FirstHash, AuditChain.Hash(entries[0]));
        Assert.Equal(SecondHash, AuditChain.Hash(entries[1]));
        // A time read back from SQLite has no kind; it is still UTC.
        Assert.Equal(FirstHash, AuditChain.Hash(Entry(1, new DateTime(2026, 11, 26, 2, 41, 7, 123), "zhang.wei", "signin.succeeded", null, AuditChain.Genesis, "")));
        Assert.Null(FirstBreak(entries));
    }

    [Fact]
    public void An_intact_chain_passes_and_counts_its_entries()
    {
        var verifier = new AuditChain.Verifier();
        var chain = Chain(5);
        Assert.All(chain, e => Assert.Null(verifier.Add(e)));
        Assert.Equal(5, verifier.Count);
        Assert.Equal(chain[^1].Hash, verifier.HeadHash);
    }

    [Fact]
    public void An_edited_field_is_found_at_its_entry()
    {
        var chain = Chain(5);
        chain[2].Details = chain[2].Details!.Replace("export.csv", "export.xlsx");
        Assert.StartsWith("entry 3: content changed", FirstBreak(chain));

        chain = Chain(5);
        chain[3].Actor = "someone.else";
        Assert.StartsWith("entry 4: content changed", FirstBreak(chain));
    }

    [Fact]
    public void An_edited_entry_whose_hash_was_recomputed_breaks_the_next_link()
    {
        var chain = Chain(5);
        chain[1].Details = "{}";
        chain[1].Hash = AuditChain.Hash(chain[1]);
        Assert.StartsWith("entry 3: its previous hash", FirstBreak(chain));
    }

    [Fact]
    public void A_removed_middle_entry_is_found()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);
        Assert.StartsWith("entry 4: expected entry 3 here", FirstBreak(chain));
    }

    [Fact]
    public void Reordered_entries_are_found()
    {
        var chain = Chain(5);
        (chain[1], chain[2]) = (chain[2], chain[1]);
        Assert.StartsWith("entry 3: expected entry 2 here", FirstBreak(chain));

        // Renumbered to look in order: the numbers are hashed, so the content no longer matches.
        chain = Chain(5);
        (chain[1].Seq, chain[2].Seq) = (3, 2);
        (chain[1], chain[2]) = (chain[2], chain[1]);
        Assert.StartsWith("entry 2: its previous hash", FirstBreak(chain));
    }
}
