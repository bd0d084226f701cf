namespace Survey.Tests.TestSupport;

/// <summary>Finds the repository (the folder holding Survey.sln) and the shared/ folder beside it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Questionnaires => Path.Combine(Root, "questionnaires");

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Survey.sln"))) return folder.FullName;
        throw new InvalidOperationException("Survey.sln not found above " + AppContext.BaseDirectory);
    }
}
