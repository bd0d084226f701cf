using Microsoft.AspNetCore.OutputCaching;

namespace Survey.Api.Results;

/// <summary>
/// Output caching of results, charts and tallies, so a busy dashboard does not re-aggregate on every view. Entries
/// are tagged per questionnaire and evicted when a response to it is stored, so a new response shows at once.
/// </summary>
public static class ResultsCache
{
    public const string Policy = "organiser-results";

    public static string Tag(string questionnaireId) => "questionnaire:" + questionnaireId;

    public static IServiceCollection AddResultsCache(this IServiceCollection services) =>
        services.AddOutputCache(options => options.AddPolicy(Policy, new OrganiserOutputCachePolicy()));

    public static ValueTask EvictAsync(IOutputCacheStore store, string questionnaireId, CancellationToken cancellationToken) =>
        store.EvictByTagAsync(Tag(questionnaireId), cancellationToken);
}
