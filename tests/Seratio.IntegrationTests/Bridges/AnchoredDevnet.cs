using Seratio.Bridges.Anvil;
using Seratio.Bridges.Checkpoints;
using Seratio.Bridges.Contracts;
using Seratio.Bridges.Relaying;
using Seratio.IntegrationTests.Cli;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Bridges;

/// <summary>
/// A real <c>seratio devnet</c> of N validators (idle blocks every 300 ms, so a checkpoint every few seconds) anchored to
/// two real anvils (eth 1337, etc 63): each contract deployed by anvil's first account at nonce 0 (the address the devnet
/// genesis names as its targets) with the anchor set of the first checkpoint, and one in-process
/// <see cref="AnchorRelayer"/> per chain (200 ms poll, 1 confirmation) that the test starts and stops. Devnet ports come
/// from 9900..9990 when free (away from other suites' ephemeral ports). Not thread safe: one test drives it.
/// </summary>
public sealed class AnchoredDevnet : IAsyncDisposable
{
    /// <summary>The devnet's ports relative to its API port: API, metrics (+200) and P2P (+1000) of up to four validators, and +4/+1004 for a node that joins.</summary>
    private static readonly int[] PortOffsets = [0, 1, 2, 3, 4, 200, 201, 202, 203, 400, 1000, 1001, 1002, 1003, 1004];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<Task> _relayerRuns = [];
    private CancellationTokenSource? _stopRelayers;
    private DevnetProcess? _devnet;
    private Grpc.Net.Client.GrpcChannel? _channel;

    private AnchoredDevnet(string root)
    {
        Root = root;
        Cli = new CliRunner(Path.Combine(root, "keystore"));
        Directory.CreateDirectory(Cli.Keystore);
    }

    public string Root { get; }
    public string Home => Path.Combine(Root, "devnet");
    public int ApiPort { get; } = TestPorts.Block(PortOffsets);
    public string Url => $"http://127.0.0.1:{ApiPort}";
    public CliRunner Cli { get; }
    public NodeApi.NodeApiClient Client => new(_channel ??= Grpc.Net.Client.GrpcChannel.ForAddress(Url));
    public AnvilNode Ethereum { get; private set; } = null!;
    public AnvilNode Classic { get; private set; } = null!;
    public AnchorArtifacts Artifacts { get; private set; } = null!;
    public AnchorContract EthContract { get; private set; } = null!;
    public AnchorContract EtcContract { get; private set; } = null!;
    public NodeCheckpointSource Source { get; private set; } = null!;
    public AnchorRelayer EthRelayer { get; private set; } = null!;
    public AnchorRelayer EtcRelayer { get; private set; } = null!;
    /// <summary>The first checkpoint, whose anchor set the contracts were deployed with.</summary>
    public CheckpointRecord First { get; private set; } = null!;
    /// <summary>Output of processes the test adds, shown with the devnet's when a wait times out.</summary>
    public Func<string> ExtraOutput { get; set; } = () => "";

    /// <summary>Starts the anvils and a devnet of <paramref name="validators"/>, deploys both contracts; the relayers are not running yet.</summary>
    public static async Task<AnchoredDevnet> StartAsync(string name, int validators)
    {
        var network = new AnchoredDevnet(Directory.CreateTempSubdirectory($"seratio-{name}-").FullName);
        try
        {
            await network.InitializeAsync(validators);
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync(int validators)
    {
        var contracts = Path.Combine(RepoPaths.Root, "bridges", "contracts");
        Artifacts = AnchorArtifacts.Load(Path.Combine(contracts, "out"));
        var anvil = AnvilLocator.Find(contracts);
        Ethereum = await AnvilNode.StartAsync(AnvilChain.Ethereum, anvil);
        Classic = await AnvilNode.StartAsync(AnvilChain.EthereumClassic, anvil);
        _devnet = await DevnetProcess.StartAsync(Home, ApiPort, Cli.Keystore, DevnetFixture.StartTimeout, ["--validators", validators.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { ["SERATIO_Consensus__EmptyBlockIntervalMs"] = "300" });
        Source = new NodeCheckpointSource(Url);

        First = await WaitForAsync(async () => (await CheckpointsAsync()).FirstOrDefault(), "a first checkpoint");
        Assert.Equal(validators, First.AnchorSet.Members.Count);
        var set = AnchorSet.Create(First.AnchorSet.Members.Select(m => (Hex(m.AnchorAddress), m.Power)));
        EthContract = await AnchorContract.DeployAsync(Ethereum.Web3For(AnvilNode.FundedTestKey), Artifacts, First.SeratioChainId, set);
        EtcContract = await AnchorContract.DeployAsync(Classic.Web3For(AnvilNode.FundedTestKey), Artifacts, First.SeratioChainId, set);
        foreach (var (contract, target) in new[] { (EthContract, "eth"), (EtcContract, "etc") })
            Assert.Equal(Hex(First.Targets.Single(t => t.Target.Name == target).Target.Contract), contract.Address.ToLowerInvariant());
    }

    /// <summary>A relayer per chain on its outbox file (the same file each time: a restart resumes it), running until <see cref="StopRelayersAsync"/>.</summary>
    public void StartRelayers()
    {
        if (_stopRelayers is not null) throw new InvalidOperationException("the relayers are running");
        _stopRelayers = new CancellationTokenSource();
        EthRelayer = Relayer("eth", Ethereum, EthContract);
        EtcRelayer = Relayer("etc", Classic, EtcContract);
        _relayerRuns.Add(EthRelayer.RunAsync(_stopRelayers.Token));
        _relayerRuns.Add(EtcRelayer.RunAsync(_stopRelayers.Token));
    }

    public async Task StopRelayersAsync()
    {
        if (_stopRelayers is null) return;
        await _stopRelayers.CancelAsync();
        await Task.WhenAll(_relayerRuns);
        _relayerRuns.Clear();
        _stopRelayers.Dispose();
        _stopRelayers = null;
    }

    /// <summary>Every checkpoint the node records, oldest first.</summary>
    public async Task<List<CheckpointRecord>> CheckpointsAsync()
    {
        var page = await Client.ListCheckpointsAsync(new ListCheckpointsRequest { PageSize = 100 }, deadline: DateTime.UtcNow.AddSeconds(10));
        return [.. page.Checkpoints.OrderBy(c => c.Height)];
    }

    public async Task<CheckpointRecord> CheckpointAsync(ulong height) =>
        (await Client.GetCheckpointAsync(new GetCheckpointRequest { CheckpointHeight = height }, deadline: DateTime.UtcNow.AddSeconds(10))).Checkpoint;

    /// <summary>Polls <paramref name="probe"/> every 200 ms (a failed gRPC call counts as "not yet") until it gives a value; fails after a minute naming <paramref name="what"/>.</summary>
    public async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                if (await probe() is { } value) return value;
            }
            catch (Grpc.Core.RpcException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"no {what} within {Patience.TotalSeconds} s\n--- devnet\n{_devnet?.Output}\n{ExtraOutput()}");
            await Task.Delay(200);
        }
    }

    /// <summary>0x and the lower-case hex of <paramref name="bytes"/> (addresses as the contract binding prints them).</summary>
    public static string Hex(Google.Protobuf.ByteString bytes) => "0x" + Convert.ToHexStringLower(bytes.Span);

    private AnchorRelayer Relayer(string target, AnvilNode node, AnchorContract contract) => new(new RelayerOptions
    {
        Target = target,
        RpcUrl = node.RpcUrl,
        Contract = contract.Address,
        PrivateKey = RelayerFixture.RelayerKeys[0],
        EvmChainId = node.Chain.ChainId,
        Type0 = target == "etc",
        Confirmations = 1,
        OutboxPath = Path.Combine(Root, $"outbox-{target}.json"),
        PollInterval = TimeSpan.FromMilliseconds(200),
    }, Source, Artifacts);

    public async ValueTask DisposeAsync()
    {
        await StopRelayersAsync();
        _channel?.Dispose();
        Source?.Dispose();
        if (_devnet is not null) await _devnet.DisposeAsync();
        if (Ethereum is not null) await Ethereum.DisposeAsync();
        if (Classic is not null) await Classic.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
