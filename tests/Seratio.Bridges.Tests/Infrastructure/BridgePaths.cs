namespace Seratio.Bridges.Tests.Infrastructure;

/// <summary>Where the checkout, the contracts and the state-proof vectors are. Pure path arithmetic.</summary>
public static class BridgePaths
{
    /// <summary>The checkout: the nearest folder above this test assembly that holds Seratio.Chain.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>bridges/contracts: package.json, build.mjs, src/, out/, node_modules/.</summary>
    public static string Contracts => Path.Combine(Root, "bridges", "contracts");

    /// <summary>bridges/contracts/out: the committed artefacts.</summary>
    public static string ContractsOut => Path.Combine(Contracts, "out");

    /// <summary>tests/vectors/state-proofs.</summary>
    public static string StateProofVectors => Path.Combine(Root, "tests", "vectors", "state-proofs");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Seratio.Chain.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Seratio.Chain.sln above {AppContext.BaseDirectory}");
    }
}
