using Survey.Analysis.Charts;
using Survey.Analysis.Tallies;

namespace Survey.Api.Apis;

/// <summary>
/// The base of percentages in query strings and JSON: <c>answered</c> (the default), <c>shown</c>, <c>all</c>. The one
/// place it is parsed and written (the organiser query, the dashboard's links, the results and trend documents); its
/// words are <see cref="BaseDescription.Of"/>.
/// </summary>
public static class TallyBaseQuery
{
    public const TallyBase Default = TallyBase.Answered;

    /// <summary>"answered", "shown" or "all".</summary>
    public static string Format(TallyBase basis) => basis switch
    {
        TallyBase.Answered => "answered",
        TallyBase.Shown => "shown",
        TallyBase.All => "all",
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, null),
    };

    /// <summary>Empty or missing means <see cref="Default"/>; case is ignored.</summary>
    public static bool TryParse(string? value, out TallyBase basis)
    {
        TallyBase? parsed = value?.ToLowerInvariant() switch
        {
            null or "" => Default,
            "answered" => TallyBase.Answered,
            "shown" => TallyBase.Shown,
            "all" => TallyBase.All,
            _ => null,
        };
        basis = parsed ?? Default;
        return parsed is not null;
    }

    /// <summary>"基数应为 answered（回答本题的受访者）、shown（…）或 all（…）：“x”", the words from <see cref="BaseDescription"/>.</summary>
    public static string Invalid(string? value) =>
        $"基数应为 {string.Join("、", Enum.GetValues<TallyBase>().Select(b => $"{Format(b)}（{BaseDescription.Of(b)}）"))}：“{value}”";
}
