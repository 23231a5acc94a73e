using System.Net.Http.Json;
using System.Text.Json;
using Seratio.Bridges.Anvil;
using Seratio.Bridges.Checkpoints;
using Seratio.Bridges.Contracts;
using Seratio.Bridges.Relaying;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Bridges;

/// <summary>
/// A real one-validator <c>seratio devnet</c> (checkpoints every 10 heights for targets eth 1337 and etc 63 at the address
/// anvil's first account deploys to first) and two real anvils, each with the anchor contract deployed by that account at
/// nonce 0 with the genesis anchor set the node reports. Shared by the relayer tests of a class, which run one after the
/// other; every test anchors checkpoints above whatever the contracts hold when it starts.
/// </summary>
public sealed class RelayerFixture : IAsyncLifetime
{
    /// <summary>Anvil's pre-funded accounts 1–6 (its well-known test mnemonic): throw-away relayer keys, one per relayer of the tests.</summary>
    public static readonly string[] RelayerKeys =
    [
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
        "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
        "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
        "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
    ];

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _root = Directory.CreateTempSubdirectory("seratio-relayer-").FullName;
    private readonly int _apiPort = TestPorts.Block(DevnetFixture.DevnetPortOffsets);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private DevnetProcess? _devnet;

    public string NodeUrl => $"http://127.0.0.1:{_apiPort}";
    public string Root => _root;
    public AnvilNode Ethereum { get; private set; } = null!;
    public AnvilNode Classic { get; private set; } = null!;
    public AnchorArtifacts Artifacts { get; private set; } = null!;
    public AnchorContract EthContract { get; private set; } = null!;
    public AnchorContract EtcContract { get; private set; } = null!;
    public NodeCheckpointSource Source { get; private set; } = null!;

    /// <summary>The anvil binary the fixture starts.</summary>
    public string AnvilPath { get; private set; } = "";

    /// <summary>The devnet's Seratio chain id and genesis anchor set, which every contract of the fixture is deployed with.</summary>
    public (string ChainId, AnchorSet Set) Genesis { get; private set; }
    public string DevnetOutput => _devnet?.Output ?? "";

    public async Task InitializeAsync()
    {
        var contracts = Path.Combine(RepositoryRoot(), "bridges", "contracts");
        Artifacts = AnchorArtifacts.Load(Path.Combine(contracts, "out"));
        var anvil = AnvilLocator.Find(contracts);
        AnvilPath = anvil;
        Ethereum = await AnvilNode.StartAsync(AnvilChain.Ethereum, anvil);
        Classic = await AnvilNode.StartAsync(AnvilChain.EthereumClassic, anvil);

        var keystore = Path.Combine(_root, "keystore");
        Directory.CreateDirectory(keystore);
        // A block every 200 ms rather than the one-validator devnet's empty block every 5 s: the first checkpoint (height 10)
        // is ready within seconds instead of a minute.
        _devnet = await DevnetProcess.StartAsync(Path.Combine(_root, "devnet"), _apiPort, keystore, DevnetFixture.StartTimeout, ["--validators", "1"],
            new Dictionary<string, string> { ["SERATIO_Consensus__EmptyBlockIntervalMs"] = "200" });
        Source = new NodeCheckpointSource(NodeUrl);

        // The genesis anchor set, as the node reports it with its first checkpoint.
        var first = await WaitForAsync(async () =>
        {
            var ready = await Source.ReadyAboveAsync("eth", 0, CancellationToken.None);
            return ready.Count > 0 ? ready[0] : null;
        }, "a first ready checkpoint on the devnet");
        var record = await CheckpointAsync(first.Height);
        var set = AnchorSet.Create(record.AnchorSet.Members.Select(m => ("0x" + Convert.ToHexStringLower(m.AnchorAddress.Span), m.Power)));
        Genesis = (record.SeratioChainId, set);
        EthContract = await AnchorContract.DeployAsync(Ethereum.Web3For(AnvilNode.FundedTestKey), Artifacts, record.SeratioChainId, set);
        EtcContract = await AnchorContract.DeployAsync(Classic.Web3For(AnvilNode.FundedTestKey), Artifacts, record.SeratioChainId, set);
        foreach (var (contract, name) in new[] { (EthContract, "eth"), (EtcContract, "etc") })
        {
            var target = record.Targets.Single(t => t.Target.Name == name).Target;
            if (!string.Equals("0x" + Convert.ToHexStringLower(target.Contract.Span), contract.Address, StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"the devnet's {name} target is {Convert.ToHexStringLower(target.Contract.Span)}, the contract landed at {contract.Address}");
        }
    }

    /// <summary>Options of a relayer for <paramref name="target"/> paying with <see cref="RelayerKeys"/>[<paramref name="key"/>], writing <paramref name="outbox"/> under the fixture's folder.</summary>
    public RelayerOptions Options(string target, int key, string outbox, int confirmations = 2) => new()
    {
        Target = target,
        RpcUrl = target == "etc" ? Classic.RpcUrl : Ethereum.RpcUrl,
        Contract = target == "etc" ? EtcContract.Address : EthContract.Address,
        PrivateKey = RelayerKeys[key],
        EvmChainId = target == "etc" ? 63 : 1337,
        Type0 = target == "etc",
        Confirmations = confirmations,
        OutboxPath = Path.Combine(_root, outbox),
        PollInterval = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>
    /// Deploys the contract with the devnet's genesis set on <paramref name="node"/>, a fresh anvil: anvil's first account at
    /// nonce 0 puts it at the address the devnet's targets name, so the devnet's signatures hold there.
    /// </summary>
    public Task<AnchorContract> DeployAsync(AnvilNode node) =>
        AnchorContract.DeployAsync(node.Web3For(AnvilNode.FundedTestKey), Artifacts, Genesis.ChainId, Genesis.Set);

    /// <summary>A relayer over the fixture's devnet.</summary>
    public AnchorRelayer Relayer(RelayerOptions options) => new(options, Source, Artifacts);

    /// <summary>The node's record of checkpoint <paramref name="height"/>.</summary>
    public async Task<CheckpointRecord> CheckpointAsync(ulong height)
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(NodeUrl);
        var response = await new NodeApi.NodeApiClient(channel).GetCheckpointAsync(new GetCheckpointRequest { CheckpointHeight = height });
        return response.Checkpoint;
    }

    /// <summary>A JSON-RPC call to <paramref name="node"/>; its result, or an exception carrying the error.</summary>
    public async Task<JsonElement> RpcAsync(AnvilNode node, string method, params object[] parameters)
    {
        using var response = await _http.PostAsJsonAsync(node.RpcUrl, new { jsonrpc = "2.0", id = 1, method, @params = parameters });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.TryGetProperty("error", out var error)) throw new InvalidOperationException($"{method} failed: {error}");
        return body.GetProperty("result").Clone();
    }

    /// <summary>Mines <paramref name="blocks"/> empty blocks on <paramref name="node"/>.</summary>
    public Task MineAsync(AnvilNode node, int blocks = 1) => RpcAsync(node, "anvil_mine", "0x" + blocks.ToString("x", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Polls <paramref name="probe"/> every 200 ms until it gives a value; fails after two minutes naming <paramref name="what"/>.</summary>
    public async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no {what} within {Patience.TotalSeconds} s; devnet output:\n{DevnetOutput}");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        Source?.Dispose();
        if (_devnet is not null) await _devnet.DisposeAsync();
        if (Ethereum is not null) await Ethereum.DisposeAsync();
        if (Classic is not null) await Classic.DisposeAsync();
        _http.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Seratio.Chain.sln"))) return folder.FullName;
        throw new InvalidOperationException($"no Seratio.Chain.sln above {AppContext.BaseDirectory}");
    }
}
