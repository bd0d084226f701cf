using Survey.Api.Results;

namespace Survey.Api.Organiser;

/// <summary>
/// The dashboard's current view as a query string (<c>round</c>, <c>mode</c>, <c>from</c>, <c>to</c>, <c>where</c>, <c>base</c>, <c>by</c>), put on
/// every chart, download and link of the page so they show exactly what the page shows.
/// </summary>
public static class DashboardQuery
{
    public static QueryString For(ResponseFilter filter, string? basis = null, string? by = null)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (filter.Round is { } round) pairs.Add(new("round", round.Id));
        if (filter.Mode is { } mode) pairs.Add(new("mode", ResponseFilter.ModeWord(mode)));
        if (filter.From is { } from) pairs.Add(new("from", from.ToString("yyyy-MM-dd")));
        if (filter.To is { } to) pairs.Add(new("to", to.ToString("yyyy-MM-dd")));
        pairs.AddRange(filter.Where.Select(w => new KeyValuePair<string, string?>("where", $"{w.Question}:{w.Option}")));
        if (!string.IsNullOrEmpty(basis) && basis != "answered") pairs.Add(new("base", basis));
        if (!string.IsNullOrEmpty(by)) pairs.Add(new("by", by));
        return QueryString.Create(pairs);
    }
}
