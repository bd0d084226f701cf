using Survey.Api.Import;
using Survey.Api.Results.Engine;
using Microsoft.Extensions.Logging.Abstractions;
using Survey.Core.Patterns;
using Survey.Core.Questionnaires;
using Survey.Tests.TestSupport;

namespace Survey.Tests.Results.Engine;

/// <summary>
/// <see cref="RowIds"/>: each text finds its response's number whatever the order of the texts, also for imported
/// responses' ids (<see cref="ImportIds"/>), which are not random in their first bytes.
/// </summary>
public sealed class RowIdsTests
{
    [Fact]
    public void Imported_ids_spread_over_the_hash_table()
    {
        // 100,000 ids of one import into 262,144 slots: hashed uniformly they fill 262,144 × (1 − e^(−100,000/262,144))
        // ≈ 83,200 distinct slots (the expected occupancy of uniform hashing). Their low bits alone (the line number's
        // high half and the run's tag) fell on 2.
        var ids = new ImportIds();
        const int size = 1 << 18;
        var slots = Enumerable.Range(1, 100_000).Select(line => RowIds.SlotOf(ids.For(line), size)).ToHashSet();
        Assert.True(slots.Count > 75_000, $"{slots.Count} distinct slots for 100,000 ids");
        Assert.All(slots, slot => Assert.InRange(slot, 0, size - 1));
    }

    [Fact]
    public void Texts_out_of_order_and_texts_of_rows_not_read_resolve_to_the_rows_numbers_in_order()
    {
        var ids = new ImportIds();
        var rowIds = new RowIds(16);
        var responses = Enumerable.Range(1, 20_000).Select(line => (Id: ids.For(line), Seq: 10L * line)).ToList();
        foreach (var (id, seq) in responses) rowIds.Add(id, seq);
        var column = new ResponseColumns(SeedLayout()).TextColumnOf("satisfying-ways", "other")!;
        // Every third response has a text; they come newest first, with a text of a response numbered after the read.
        var texts = responses.Where((_, i) => i % 3 == 0).Select((r, i) => (r.Id, column, Number: i)).Reverse().ToList();
        texts.Insert(100, (ids.For(20_001), column, -1));

        var resolved = rowIds.Resolve(texts);

        var expected = responses.Where((_, i) => i % 3 == 0).Select((r, i) => (r.Seq, column, i)).ToList();
        Assert.Equal(expected, resolved);
    }

    private static AnswerLayout SeedLayout()
    {
        var seed = QuestionnaireCatalog.LoadFolder(RepositoryPaths.Questionnaires, NullLogger.Instance).Find("grassroots-service")!;
        return new AnswerLayout(seed, AnswerLayout.Missing(seed, []));
    }
}
