using Survey.Core.Patterns;

namespace Survey.Api.Results.Engine;

/// <summary>
/// The stored responses of one questionnaire held column by column, in the order they were read: each response's sequence
/// number, its submission minute, its mode (one byte), one <see cref="MaskColumn"/> per choice question, and its texts (sparse: only
/// responses that wrote one, each text stored once and referred to by number). About 12 bytes per response plus one
/// to two per choice question and 8 per text written. Appending is single-writer (<see cref="ResponseSnapshots"/>
/// serialises refreshes); readers see the first <see cref="Count"/> rows, published after they are complete.
/// Each refresh appends one batch in sequence order, but a later batch may hold lower numbers than an earlier one (on
/// PostgreSQL a transaction that took its numbers first can commit last): nothing here depends on the rows being in
/// sequence order across batches, and nothing computed from them depends on the order of the rows.
/// </summary>
public sealed class ResponseColumns
{
    public const int ChunkBits = 16;
    public const int ChunkSize = 1 << ChunkBits;
    public const int ChunkMask = ChunkSize - 1;

    /// <summary>Submission times are held as whole minutes since this instant (UTC), as the store records them.</summary>
    public static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private long[][] seqs = [];
    private int[][] minutes = [];
    private byte[][] modes = [];
    private readonly Dictionary<string, int> textNumbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> textNumbersBySpan;
    private readonly List<string> textValues = [""];
    private readonly Dictionary<(string Question, string? Option), TextColumn> texts;
    private volatile int count;
    private int pending;

    public ResponseColumns(AnswerLayout layout)
    {
        Layout = layout;
        Masks = layout.Questions.Select(q => MaskColumn.For(q.Width)).ToArray();
        textNumbersBySpan = textNumbers.GetAlternateLookup<ReadOnlySpan<char>>();
        texts = layout.Questionnaire.Questions
            .SelectMany(q => q.Type == QuestionType.Text
                ? [(q.Id, (string?)null)]
                : q.OptionList.Where(o => o.AllowsText).Select(o => (q.Id, (string?)o.Id)))
            .ToDictionary(k => k, _ => new TextColumn());
    }

    public AnswerLayout Layout { get; }

    /// <summary>One per <see cref="AnswerLayout.Questions"/>, same order.</summary>
    public MaskColumn[] Masks { get; }

    /// <summary>Rows readers may use.</summary>
    public int Count => count;

    /// <summary>The highest sequence number among the published rows (0 when empty).</summary>
    public long HighestSeq { get; private set; }

    /// <summary>
    /// On PostgreSQL, the database snapshot (<c>pg_snapshot</c> as text) whose visible rows are exactly the published
    /// rows: the next refresh reads the rows visible now and not visible in it. Null before the first read, and on SQLite.
    /// </summary>
    public string? Horizon { get; private set; }

    public long Seq(int row) => seqs[row >> ChunkBits][row & ChunkMask];

    public int Minute(int row) => minutes[row >> ChunkBits][row & ChunkMask];

    /// <summary>How the row's response reached the database (<see cref="Survey.Api.Model.ResponseMode"/>), one byte per row.</summary>
    public Survey.Api.Model.ResponseMode Mode(int row) => (Survey.Api.Model.ResponseMode)modes[row >> ChunkBits][row & ChunkMask];

    public static int MinuteOf(DateTime utc) => (int)((utc - Epoch).Ticks / TimeSpan.TicksPerMinute);

    public static DateTime TimeOf(int minute) => Epoch.AddMinutes(minute);

    /// <summary>Adds a row (not yet visible to readers). <paramref name="masksBySlot"/> as decoded from the stored pattern.</summary>
    public void Append(long seq, DateTime submittedAtUtc, ReadOnlySpan<ulong> masksBySlot) =>
        Append(seq, submittedAtUtc, Survey.Api.Model.ResponseMode.Web, masksBySlot);

    /// <summary>Adds a row with its mode (web, paper, import).</summary>
    public void Append(long seq, DateTime submittedAtUtc, Survey.Api.Model.ResponseMode mode, ReadOnlySpan<ulong> masksBySlot) =>
        Append(seq, MinuteOf(submittedAtUtc), mode, masksBySlot);

    /// <summary>Adds a row whose submission minute (<see cref="MinuteOf"/>) is already known.</summary>
    /// <remarks>
    /// This and the other per-row methods of the start-up load are fully optimised from their first call: the load
    /// runs while start-up is still compiling other code, which keeps the tiered compiler from promoting them, and
    /// a million calls in unoptimised code made the load about twice as long (measured with tiering off).
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Append(long seq, int minute, Survey.Api.Model.ResponseMode mode, ReadOnlySpan<ulong> masksBySlot)
    {
        var row = pending;
        // Within a batch in order: its texts find their rows by a binary search over the batch (PendingRowOf).
        if (row > count && seq <= Seq(row - 1)) throw new ArgumentException($"A batch's rows must arrive in sequence order ({seq} after {Seq(row - 1)}).", nameof(seq));
        var chunk = row >> ChunkBits;
        Ensure(ref seqs, chunk);
        Ensure(ref minutes, chunk);
        Ensure(ref modes, chunk);
        modes[chunk][row & ChunkMask] = (byte)mode;
        seqs[chunk][row & ChunkMask] = seq;
        minutes[chunk][row & ChunkMask] = minute;
        var questions = Layout.Questions;
        for (var q = 0; q < questions.Count; q++)
            Masks[q].Set(row, questions[q].Slot < masksBySlot.Length ? masksBySlot[questions[q].Slot] : 0);
        pending++;
    }

    /// <summary>Attaches a text to an appended row (texts arrive after their rows; keys the questionnaire does not have are ignored).</summary>
    public void AddText(long seq, string questionId, string? optionId, string text)
    {
        if (TextColumnOf(questionId, optionId) is not { } column) return;
        var row = PendingRowOf(seq);
        if (row < 0) return;
        column.Add(row, Intern(text));
    }

    /// <summary>The text column of a (question, option) key, or null for a key the questionnaire does not have.</summary>
    public TextColumn? TextColumnOf(string questionId, string? optionId) => texts.GetValueOrDefault((questionId, optionId));

    /// <summary>
    /// The number of a text, each distinct text stored once. Single writer, like appending; may run while rows are
    /// appended on another thread (it touches only the texts).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int Intern(string text)
    {
        if (!textNumbers.TryGetValue(text, out var number))
        {
            number = textValues.Count;
            textValues.Add(text);
            textNumbers[text] = number;
        }
        return number;
    }

    /// <summary>The same for a text still in a reader's buffer: a string is made only for a text not seen before.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int Intern(ReadOnlySpan<char> text)
    {
        if (!textNumbersBySpan.TryGetValue(text, out var number))
        {
            var value = text.ToString();
            number = textValues.Count;
            textValues.Add(value);
            textNumbers[value] = number;
        }
        return number;
    }

    /// <summary>The row of a sequence number among the rows appended since the last <see cref="Publish"/>, or -1.</summary>
    public int PendingRowOf(long seq) => RowOf(seq, count, pending);

    /// <summary>
    /// Makes the appended rows visible to readers, and records the database snapshot they were read in (PostgreSQL;
    /// null on SQLite, where the next refresh reads the numbers above <see cref="HighestSeq"/>).
    /// </summary>
    public void Publish(string? horizon = null)
    {
        var highest = HighestSeq;
        for (var row = count; row < pending; row++) highest = Math.Max(highest, Seq(row));
        HighestSeq = highest;
        if (horizon is not null) Horizon = horizon;
        count = pending;
    }

    /// <summary>Forgets rows appended but not published (a refresh that failed half-way), and their texts.</summary>
    public void Discard()
    {
        pending = count;
        foreach (var column in texts.Values) column.TruncateFromRow(count);
    }

    public IEnumerable<(string Question, string? Option)> TextKeys => texts.Keys;

    /// <summary>The texts of one key among the first <paramref name="rowCount"/> rows: (row, text number).</summary>
    public TextColumn Texts(string questionId, string? optionId) => texts[(questionId, optionId)];

    public string Text(int number) => textValues[number];

    public long ApproximateBytes =>
        (long)count * (sizeof(long) + sizeof(int) + sizeof(byte) + Masks.Sum(m => m.BytesPerRow)) + texts.Values.Sum(t => t.Count * 2L * sizeof(int));

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private int RowOf(long seq, int from, int to)
    {
        int low = from, high = to - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var value = Seq(middle);
            if (value == seq) return middle;
            if (value < seq) low = middle + 1; else high = middle - 1;
        }
        return -1;
    }

    /// <summary>Makes chunk <paramref name="chunk"/> exist; earlier chunks are never moved, so readers holding the old list still see them.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void Ensure<T>(ref T[][] chunks, int chunk)
    {
        if (chunk < chunks.Length && chunks[chunk] is not null) return;
        var grown = chunks;
        if (chunk >= chunks.Length)
        {
            grown = new T[Math.Max(chunk + 1, chunks.Length * 2)][];
            Array.Copy(chunks, grown, chunks.Length);
        }
        grown[chunk] = new T[ChunkSize];
        chunks = grown;
    }

    /// <summary>Rows that wrote a text for one key, in row order, with the number of the text.</summary>
    public sealed class TextColumn
    {
        private int[] rows = new int[16];
        private int[] numbers = new int[16];
        private volatile int count;

        public int Count => count;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Add(int row, int number)
        {
            if (count == rows.Length)
            {
                Array.Resize(ref numbers, numbers.Length * 2);
                Array.Resize(ref rows, rows.Length * 2);
            }
            rows[count] = row;
            numbers[count] = number;
            count++;
        }

        public void TruncateFromRow(int row)
        {
            while (count > 0 && rows[count - 1] >= row) count--;
        }

        /// <summary>Count first, then the arrays: they only grow, and a grown array holds everything counted before.</summary>
        public (int[] Rows, int[] Numbers, int Count) Read()
        {
            var n = count;
            return (rows, numbers, n);
        }
    }
}
