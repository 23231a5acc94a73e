using Seratio.Bridges.Anvil;
using Seratio.Bridges.Contracts;

namespace Seratio.Bridges.Tests.Infrastructure;

/// <summary>
/// Two real anvil processes for a test collection: one as Ethereum (chain id 1337), one as
/// Ethereum Classic (chain id 63, Shanghai, no base fee), plus the committed contract build.
/// Started once per collection and killed at its end. A missing anvil fails every test of the
/// collection with the locator's message (how to install it); nothing is skipped.
/// </summary>
public sealed class AnvilPair : IAsyncLifetime
{
    private AnvilNode? _ethereum;
    private AnvilNode? _classic;
    private AnchorArtifacts? _artifacts;
    private readonly Lock _verifierLock = new();
    private Task<AnchorContract>? _verifier;

    /// <summary>The Ethereum anvil.</summary>
    public AnvilNode Ethereum => _ethereum ?? throw new InvalidOperationException("not started");

    /// <summary>The Ethereum Classic anvil.</summary>
    public AnvilNode Classic => _classic ?? throw new InvalidOperationException("not started");

    /// <summary>bridges/contracts/out.</summary>
    public AnchorArtifacts Artifacts => _artifacts ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _artifacts = AnchorArtifacts.Load(BridgePaths.ContractsOut);
        var anvil = AnvilLocator.Find(BridgePaths.Contracts);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ethereum = AnvilNode.StartAsync(AnvilChain.Ethereum, anvil, timeout.Token);
        var classic = AnvilNode.StartAsync(AnvilChain.EthereumClassic, anvil, timeout.Token);
        try
        {
            await Task.WhenAll(ethereum, classic);
        }
        catch
        {
            // one failed: kill the one that started, so no anvil outlives the run
            if (ethereum.IsCompletedSuccessfully) await ethereum.Result.DisposeAsync();
            if (classic.IsCompletedSuccessfully) await classic.Result.DisposeAsync();
            throw;
        }
        _ethereum = ethereum.Result;
        _classic = classic.Result;
    }

    public async Task DisposeAsync()
    {
        if (_ethereum is not null) await _ethereum.DisposeAsync();
        if (_classic is not null) await _classic.DisposeAsync();
    }

    /// <summary>
    /// One contract on the Ethereum anvil shared by the tests that only call its pure
    /// verifier (verifyProof reads no state), deployed on first use.
    /// </summary>
    public Task<AnchorContract> SharedVerifierAsync()
    {
        lock (_verifierLock)
            return _verifier ??= DeployAsync(Ethereum, "seratio-verifier", Seratio.Bridges.Checkpoints.AnchorSet.Create([("0x0000000000000000000000000000000000000001", 1UL)]));
    }

    /// <summary>Deploys a fresh anchor contract on <paramref name="node"/>, paid by anvil's first funded account.</summary>
    public Task<AnchorContract> DeployAsync(AnvilNode node, string seratioChainId, Seratio.Bridges.Checkpoints.AnchorSet genesis) =>
        AnchorContract.DeployAsync(node.Web3For(AnvilNode.FundedTestKey), Artifacts, seratioChainId, genesis);
}

/// <summary>The tests that share one <see cref="AnvilPair"/> (run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class AnvilCollection : ICollectionFixture<AnvilPair>
{
    public const string Name = "anvil";
}
