namespace Survey.Tests.TestSupport;

/// <summary>A folder for files a test prints or converts, deleted when the test ends.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("survey-test-files-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
