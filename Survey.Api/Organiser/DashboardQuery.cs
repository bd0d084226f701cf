using Survey.Analysis.Tallies;
using Survey.Api.Apis;
using Survey.Api.Results;

namespace Survey.Api.Organiser;

/// <summary>
/// The dashboard's current view as a query string (<c>round</c>, <c>mode</c>, <c>from</c>, <c>to</c>, <c>where</c>, <c>base</c>, <c>by</c>), put on
/// every chart, download and link of the page so they show exactly what the page shows. The inverse of
/// <see cref="OrganiserQuery.Parse"/>: a parameter added there is written back here.
/// </summary>
public static class DashboardQuery
{
    public static QueryString For(ResponseFilter filter, TallyBase basis = TallyBaseQuery.Default, Question? by = null)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (filter.Round is { } round) pairs.Add(new("round", round.Id));
        if (filter.Mode is { } mode) pairs.Add(new("mode", ResponseFilter.ModeWord(mode)));
        if (filter.From is { } from) pairs.Add(new("from", from.ToString("yyyy-MM-dd")));
        if (filter.To is { } to) pairs.Add(new("to", to.ToString("yyyy-MM-dd")));
        pairs.AddRange(filter.Where.Select(w => new KeyValuePair<string, string?>("where", $"{w.Question}:{w.Option}")));
        if (basis != TallyBaseQuery.Default) pairs.Add(new("base", TallyBaseQuery.Format(basis)));
        if (by is not null) pairs.Add(new("by", by.Id));
        return QueryString.Create(pairs);
    }
}
