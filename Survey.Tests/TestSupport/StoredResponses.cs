using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Api.Infrastructure;

namespace Survey.Tests.TestSupport;

/// <summary>Reads a database directly (no server), the way an auditor would after a crash or a restore.</summary>
public static class StoredResponses
{
    public static async Task<T> QueryAsync<T>(string connectionString, Func<SurveyDbContext, Task<T>> query)
    {
        await using var services = new ServiceCollection().AddSurveyDatabase(connectionString).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SurveyDbContext>());
    }

    public static Task<HashSet<Guid>> IdsAsync(string connectionString) =>
        QueryAsync(connectionString, async db => (await db.Responses.Select(r => r.Id).ToListAsync()).ToHashSet());
}
