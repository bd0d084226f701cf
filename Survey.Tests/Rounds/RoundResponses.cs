using Survey.Tests.TestSupport;

namespace Survey.Tests.Rounds;

/// <summary>
/// Responses to the satisfaction questionnaire stored directly with chosen submission times (the API stamps "now"),
/// answering identity, community and one rated item, so every figure below can be worked out by hand.
/// </summary>
public static class RoundResponses
{
    public const string Id = "resident-satisfaction";
    public const string Item = "strong-leadership";

    public sealed record Row(string SubmittedAtUtc, string Identity, string Community, string Rating, int Count);

    /// <summary>
    /// 2025-Q4 (10): east, at 15:59 UTC on 31 Dec = 23:59 in Beijing; ratings 满意×4, 基本满意×4, 不满意×2; 5 residents, 5 members.
    /// 2026-Q1 (17): east 6 at 16:00 UTC on 31 Dec = 00:00 on 1 Jan in Beijing (满意×5, 基本满意×1, residents);
    ///   west 5 at 15:59 UTC on 31 Mar = 23:59 in Beijing (满意×2, 基本满意×2, 不满意×1; 4 residents, 1 member);
    ///   south 3 (满意, 基本满意, 不了解; residents); north 3 (满意×3; members).
    /// 2026-Q2 (3): at 16:00 UTC on 31 Mar = 00:00 on 1 Apr in Beijing: fewer than 5, withheld.
    /// 2026-Q3: none. 2026-Q4 (6): 满意×3, 不满意×3.
    /// </summary>
    public static readonly Row[] Rows =
    [
        new("2025-12-31T15:59:00Z", "resident", "east-street", "satisfied", 4),
        new("2025-12-31T15:59:00Z", "resident", "east-street", "basically-satisfied", 1),
        new("2025-12-31T15:59:00Z", "member", "east-street", "basically-satisfied", 3),
        new("2025-12-31T15:59:00Z", "member", "east-street", "dissatisfied", 2),
        new("2025-12-31T16:00:00Z", "resident", "east-street", "satisfied", 5),
        new("2025-12-31T16:00:00Z", "resident", "east-street", "basically-satisfied", 1),
        new("2026-03-31T15:59:00Z", "resident", "west-street", "satisfied", 2),
        new("2026-03-31T15:59:00Z", "resident", "west-street", "basically-satisfied", 2),
        new("2026-03-31T15:59:00Z", "member", "west-street", "dissatisfied", 1),
        new("2026-02-10T02:00:00Z", "resident", "south-village", "satisfied", 1),
        new("2026-02-10T02:00:00Z", "resident", "south-village", "basically-satisfied", 1),
        new("2026-02-10T02:00:00Z", "resident", "south-village", "unknown", 1),
        new("2026-02-10T02:00:00Z", "member", "north-village", "satisfied", 3),
        new("2026-03-31T16:00:00Z", "resident", "east-street", "satisfied", 3),
        new("2026-10-10T02:00:00Z", "resident", "east-street", "satisfied", 3),
        new("2026-10-10T02:00:00Z", "resident", "east-street", "dissatisfied", 3),
    ];

    public static async Task StoreOnceAsync(SurveyAppFactory app)
    {
        if ((await app.RowCountsAsync()).Responses > 0) return;
        await app.InsertAsync(Id, Rows.SelectMany(row => Enumerable.Repeat(
            (DateTime.Parse(row.SubmittedAtUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal),
             new Dictionary<string, string[]> { ["identity"] = [row.Identity], ["community"] = [row.Community], [Item] = [row.Rating] }),
            row.Count)));
    }
}
