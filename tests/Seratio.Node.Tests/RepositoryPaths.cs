namespace Seratio.Node.Tests;

/// <summary>Files of the repository the tests read (sources, the local network's genesis).</summary>
internal static class RepositoryPaths
{
    /// <summary>The directory holding Seratio.Chain.sln, found above the test binaries.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Seratio.Chain.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Seratio.Chain.sln not found above " + AppContext.BaseDirectory);
    }
}
