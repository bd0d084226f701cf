using Survey.Api.Infrastructure;

namespace Survey.Api.Audit;

/// <summary>
/// <c>dotnet Survey.Api.dll verify-audit [--Survey:Setting=value …]</c> (run by <c>script/audit-verify</c>): walks the
/// audit log of the database the server would use (<c>ConnectionStrings__Survey</c>, appsettings.json, command-line
/// settings), migrating it first like the server, and recomputes every hash (<see cref="AuditChain"/>). Exit 0 with the
/// last line <c>audit log intact: N entries</c> (the line before gives the last entry's hash, to keep and compare later:
/// the chain alone cannot show that entries were cut off the end); exit 1 with <c>audit log broken: entry N: why</c>.
/// </summary>
public static class AuditVerifyCommand
{
    public const string Verb = "verify-audit";

    public static async Task<int> RunAsync(string[] settings, TextWriter output, TextWriter error)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(settings)
            .Build();
        await using var services = new ServiceCollection().AddSurveyDatabase(configuration.GetConnectionString("Survey"))
            .AddSingleton(TimeProvider.System).AddScoped<AuditLog>().BuildServiceProvider();
        await services.MigrateSurveyDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var (count, head, broken) = await scope.ServiceProvider.GetRequiredService<AuditLog>().VerifyAsync(CancellationToken.None);
        if (broken is not null)
        {
            output.WriteLine($"{count} entries intact before the break");
            error.WriteLine($"audit log broken: {broken}");
            output.WriteLine($"audit log broken: {broken}");
            return 1;
        }
        output.WriteLine($"last entry: {count}, hash {head}");
        output.WriteLine($"audit log intact: {count} entries");
        return 0;
    }
}
