using System.Numerics;
using Survey.Core.Definitions;

namespace Survey.Core.Patterns;

/// <summary>
/// Where a choice question lives in a stored answer pattern: its <see cref="Slot"/> and the bit of each option. The
/// analysis library numbers options in questionnaire order (bit i = i-th option); <see cref="ToOptionOrder"/>
/// translates, so reordering options in the JSON changes neither stored data nor results.
/// </summary>
public sealed class QuestionSlot
{
    private readonly Dictionary<string, int> bitOfOption;
    private readonly int[] optionIndexOfBit = new int[64];

    public QuestionSlot(Question question, int slot, IEnumerable<LayoutEntry> entries)
    {
        Question = question;
        Slot = slot;
        bitOfOption = entries.ToDictionary(e => e.OptionId, e => e.Bit);
        Array.Fill(optionIndexOfBit, -1);
        for (var i = 0; i < question.OptionList.Count; i++)
            if (bitOfOption.TryGetValue(question.OptionList[i].Id, out var bit)) optionIndexOfBit[bit] = i;
        Width = bitOfOption.Count == 0 ? 0 : bitOfOption.Values.Max() + 1;
    }

    public Question Question { get; }
    public int Slot { get; }

    /// <summary>Bits a stored mask of this question can use (highest assigned bit + 1).</summary>
    public int Width { get; }

    /// <summary>The stored bit of an option; null for an option the layout does not know.</summary>
    public int? BitOf(string optionId) => bitOfOption.TryGetValue(optionId, out var bit) ? bit : null;

    /// <summary>Questionnaire position of the option stored at <paramref name="bit"/>; −1 when the questionnaire no longer has it.</summary>
    public int OptionIndexOfBit(int bit) => optionIndexOfBit[bit];

    /// <summary>The stored mask of the option at questionnaire position <paramref name="optionIndex"/>.</summary>
    public ulong MaskOfOption(int optionIndex) => 1UL << bitOfOption[Question.OptionList[optionIndex].Id];

    /// <summary>
    /// A stored mask with bit i = the questionnaire's i-th option; bits of options no longer in the questionnaire
    /// are dropped.
    /// </summary>
    public long ToOptionOrder(ulong storedMask)
    {
        long mask = 0;
        while (storedMask != 0)
        {
            var bit = BitOperations.TrailingZeroCount(storedMask);
            storedMask &= storedMask - 1;
            if (optionIndexOfBit[bit] is var index and >= 0) mask |= 1L << index;
        }
        return mask;
    }
}
