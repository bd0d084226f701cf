namespace Survey.Core.Patterns;

/// <summary>
/// One persisted assignment (<c>questionnaire_layout</c>): option <see cref="OptionId"/> of question
/// <see cref="QuestionId"/> is bit <see cref="Bit"/> of slot <see cref="Slot"/> in every stored answer pattern.
/// </summary>
public sealed record LayoutEntry(string QuestionId, string OptionId, int Slot, int Bit);
