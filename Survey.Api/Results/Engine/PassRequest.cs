namespace Survey.Api.Results.Engine;

/// <summary>
/// What one pass counts. Filters: submission minute in [<paramref name="FromMinute"/>, <paramref name="ToMinute"/>)
/// and, for each <paramref name="Where"/> entry, the stored mask of question (index into the layout's questions)
/// having that bit; <see cref="Mode"/>: the response's mode. <paramref name="By"/>: the break-down question (index), whose answer becomes the level of every
/// count. <paramref name="Only"/>: question indexes to count (null: all). A round key (rounds issue) would be one more
/// level dimension next to <paramref name="By"/>.
/// </summary>
public sealed record PassRequest(
    int? FromMinute,
    int? ToMinute,
    IReadOnlyList<(int Question, ulong Bit)> Where,
    int? By,
    IReadOnlySet<int>? Only,
    bool Texts,
    bool Composite)
{
    /// <summary>Only rows of this mode (web, paper, import); null: all.</summary>
    public Survey.Api.Model.ResponseMode? Mode { get; init; }
}
