namespace Survey.Tests.Reliability;

/// <summary>
/// Tests that run the built server as child processes (kill -9, two instances) run on their own, not beside the
/// rest of the suite, so start-up and kill timings are not starved on a small shared machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerProcesses
{
    public const string Name = "Server processes";
}
