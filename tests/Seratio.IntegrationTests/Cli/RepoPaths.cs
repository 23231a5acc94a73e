namespace Seratio.IntegrationTests.Cli;

/// <summary>Where the checkout and the build outputs of this test run are. Pure path arithmetic.</summary>
public static class RepoPaths
{
    /// <summary>The checkout: the nearest folder above this test assembly that holds Seratio.Chain.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration of this test run ("Debug" or "Release"): bin/&lt;configuration&gt;/&lt;tfm&gt;/.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string TargetFramework => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;

    /// <summary>
    /// The output folder of a project built with this run's configuration, e.g.
    /// benchmarks/Seratio.LoadGen/bin/Debug/net10.0. A referenced executable must run from its
    /// own folder when it needs assemblies that this test's shared framework supplies instead.
    /// </summary>
    public static string OutputOf(string projectFolder) => Path.Combine(Root, projectFolder, "bin", Configuration, TargetFramework);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Seratio.Chain.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Seratio.Chain.sln above {AppContext.BaseDirectory}");
    }
}
