namespace Survey.Api.Entry;

/// <summary>
/// The data-entry screen's keys for the options of the current question: 1–9 and 0 for the first ten (as on the
/// number row), then the letter row below them, Q W E R T Y U I O P, for the 11th to the 20th. Shown beside each
/// option, so the scheme is on screen; a question with more than 20 options is ticked with the mouse beyond the 20th.
/// </summary>
public static class EntryKeys
{
    public const string Keys = "1234567890QWERTYUIOP";

    /// <summary>The key of the option at <paramref name="index"/> (0-based), or null beyond the 20th.</summary>
    public static string? Of(int index) => index >= 0 && index < Keys.Length ? Keys[index].ToString() : null;
}
