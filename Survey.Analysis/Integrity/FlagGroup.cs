namespace Survey.Analysis.Integrity;

/// <summary>
/// A group of responses one rule flags: the rule, a key naming the group (stable while its responses stay stored),
/// the responses' sequence numbers and the first and last submission minute (whole minutes since an epoch the caller
/// chooses). <see cref="Option"/>: the option index every scored item was answered with (straight-lining only).
/// </summary>
public sealed record FlagGroup(string Rule, string Key, IReadOnlyList<long> Seqs, int FirstMinute, int LastMinute, int? Option = null);
