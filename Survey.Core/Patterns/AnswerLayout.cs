using System.Runtime.CompilerServices;
using Survey.Core.Definitions;

namespace Survey.Core.Patterns;

/// <summary>
/// A questionnaire's persisted slot and bit assignment (see <see cref="PatternCodec"/>): one slot per choice
/// question, one bit per option, given once and never changed. New questions take the next free slot and new
/// options the next free bit of their question's slot (<see cref="Missing"/>), so adding or reordering options in
/// the JSON never changes what stored data means.
/// </summary>
public sealed class AnswerLayout
{
    /// <summary>A slot is a 64-bit mask.</summary>
    public const int MaxBitsPerSlot = 64;

    private readonly Dictionary<string, QuestionSlot> slots;

    public AnswerLayout(Questionnaire questionnaire, IReadOnlyCollection<LayoutEntry> entries)
    {
        Questionnaire = questionnaire;
        Entries = entries;
        SlotCount = entries.Count == 0 ? 0 : entries.Max(e => e.Slot) + 1;
        var byQuestion = entries.ToLookup(e => e.QuestionId);
        slots = questionnaire.Questions
            .Where(q => q.Type != QuestionType.Text && byQuestion[q.Id].Any())
            .ToDictionary(q => q.Id, q => new QuestionSlot(q, byQuestion[q.Id].First().Slot, byQuestion[q.Id]));
        Questions = questionnaire.Questions.Where(q => slots.ContainsKey(q.Id)).Select(q => slots[q.Id]).ToList();
    }

    public Questionnaire Questionnaire { get; }
    public IReadOnlyCollection<LayoutEntry> Entries { get; }

    /// <summary>Slots in a stored pattern (including slots of questions no longer in the questionnaire).</summary>
    public int SlotCount { get; }

    /// <summary>The questionnaire's choice questions, in questionnaire order.</summary>
    public IReadOnlyList<QuestionSlot> Questions { get; }

    public QuestionSlot? Find(string questionId) => slots.GetValueOrDefault(questionId);

    public QuestionSlot Slot(Question question) =>
        slots.GetValueOrDefault(question.Id) ?? throw new InvalidOperationException($"Question {question.Id} has no slot in the layout.");

    /// <summary>
    /// The entries still to assign: every choice option of the questionnaire, then any <paramref name="extra"/>
    /// (question, option) pairs (answers stored before an option was removed), each question's options in order.
    /// </summary>
    /// <exception cref="InvalidOperationException">A question would need more than 64 bits.</exception>
    public static IReadOnlyList<LayoutEntry> Missing(
        Questionnaire questionnaire, IReadOnlyCollection<LayoutEntry> existing, IEnumerable<(string Question, string Option)>? extra = null)
    {
        var wanted = questionnaire.Questions.Where(q => q.Type != QuestionType.Text)
            .SelectMany(q => q.OptionList.Select(o => (Question: q.Id, Option: o.Id)))
            .Concat(extra ?? []);
        var known = existing.Select(e => (e.QuestionId, e.OptionId)).ToHashSet();
        var slotOf = existing.GroupBy(e => e.QuestionId).ToDictionary(g => g.Key, g => g.First().Slot);
        var nextBit = existing.GroupBy(e => e.Slot).ToDictionary(g => g.Key, g => g.Max(e => e.Bit) + 1);
        var nextSlot = existing.Count == 0 ? 0 : existing.Max(e => e.Slot) + 1;
        var added = new List<LayoutEntry>();
        foreach (var (question, option) in wanted)
        {
            if (!known.Add((question, option))) continue;
            if (!slotOf.TryGetValue(question, out var slot)) slotOf[question] = slot = nextSlot++;
            var bit = nextBit.GetValueOrDefault(slot);
            if (bit >= MaxBitsPerSlot)
                throw new InvalidOperationException($"Question {question} of {questionnaire.Id} would need more than {MaxBitsPerSlot} option bits.");
            nextBit[slot] = bit + 1;
            added.Add(new LayoutEntry(question, option, slot, bit));
        }
        return added;
    }

    /// <summary>The stored pattern of a (validated) set of answers: chosen option ids per question id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public byte[] Encode(IReadOnlyDictionary<string, IReadOnlyList<string>> answers)
    {
        Span<ulong> masks = SlotCount <= 64 ? stackalloc ulong[SlotCount] : new ulong[SlotCount];
        masks.Clear();
        // Indexed loops and the concrete dictionary's enumerator where it is one (the parser's always is): this runs for
        // every stored response, and an interface's enumerator is an allocation per question.
        if (answers is Dictionary<string, IReadOnlyList<string>> dictionary)
            foreach (var (questionId, options) in dictionary) Add(masks, questionId, options);
        else
            foreach (var (questionId, options) in answers) Add(masks, questionId, options);
        return PatternCodec.Encode(masks);
    }

    private void Add(Span<ulong> masks, string questionId, IReadOnlyList<string> options)
    {
        var slot = Find(questionId) ?? throw new ArgumentException($"Question {questionId} has no slot in the layout.", nameof(options));
        for (var i = 0; i < options.Count; i++)
            masks[slot.Slot] |= 1UL << (slot.BitOf(options[i]) ?? throw new ArgumentException($"Option {questionId}:{options[i]} has no bit in the layout.", nameof(options)));
    }

    /// <summary>Chosen option ids per question of a stored pattern (questionnaire order; options it no longer has are left out).</summary>
    public Dictionary<string, List<string>> Decode(ReadOnlySpan<byte> pattern)
    {
        Span<ulong> masks = SlotCount <= 64 ? stackalloc ulong[SlotCount] : new ulong[SlotCount];
        PatternCodec.Decode(pattern, masks);
        var answers = new Dictionary<string, List<string>>();
        foreach (var slot in Questions)
        {
            var chosen = slot.ToOptionOrder(masks[slot.Slot]);
            if (chosen == 0) continue;
            answers[slot.Question.Id] = slot.Question.OptionList.Where((_, i) => (chosen & 1L << i) != 0).Select(o => o.Id).ToList();
        }
        return answers;
    }
}
