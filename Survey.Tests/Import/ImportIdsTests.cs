using Survey.Api.Import;

namespace Survey.Tests.Import;

/// <summary>
/// <see cref="ImportIds"/>: within one import a later line's id sorts after an earlier one's in the databases' order
/// (PostgreSQL compares a uuid byte by byte; SQLite compares EF Core's upper-case text), so a million new rows go to
/// the end of the id indexes instead of to random pages; ids stay unique, RFC 9562 version 8, and differ between runs.
/// </summary>
public sealed class ImportIdsTests
{
    /// <summary>The order both databases keep ids in: the big-endian bytes (as hexadecimal text, ordinal).</summary>
    public static string DatabaseOrder(Guid id) => Convert.ToHexString(id.ToByteArray(bigEndian: true));

    [Fact]
    public void Later_lines_get_greater_ids_in_the_databases_order_including_across_byte_boundaries()
    {
        var ids = new ImportIds();
        int[] lines = [1, 2, 255, 256, 257, 65_535, 65_536, 1_000_000, 16_777_216, int.MaxValue];
        var made = lines.Select(ids.For).ToList();

        Assert.Equal(made, made.OrderBy(DatabaseOrder, StringComparer.Ordinal));
        Assert.Equal(made.Select(g => g.ToString().ToUpperInvariant()), made.Select(g => g.ToString().ToUpperInvariant()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Ids_are_version_8_with_the_rfc_variant_and_never_repeat()
    {
        var ids = new ImportIds();
        var made = Enumerable.Range(1, 10_000).Select(ids.For).Concat(Enumerable.Range(1, 10_000).Select(ids.For)).ToList();

        Assert.Equal(made.Count, made.Distinct().Count()); // the same line number twice still gets two ids (random tail)
        Assert.All(made, id => Assert.Equal(8, id.Version));
        Assert.All(made, id => Assert.Equal(0x80, id.ToByteArray(bigEndian: true)[8] & 0xC0));
    }

    [Fact]
    public void Two_imports_give_the_same_line_different_ids()
    {
        var first = Enumerable.Range(1, 100).Select(new ImportIds().For);
        var second = Enumerable.Range(1, 100).Select(new ImportIds().For);

        Assert.Empty(first.Intersect(second));
    }
}
