using System.Text.Json;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Keys;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.Consensus;

/// <summary>
/// N validator processes on loopback, each with its own home (genesis naming all N, throw-away key,
/// node.json with P2P peers and short consensus timeouts). Deletes the homes on dispose.
/// </summary>
public sealed class ValidatorNetwork : IAsyncDisposable
{
    private readonly DirectoryInfo _root;

    private ValidatorNetwork(DirectoryInfo root, Genesis genesis, IReadOnlyList<ValidatorProcess> nodes)
    {
        _root = root;
        Genesis = genesis;
        Nodes = nodes;
    }

    public Genesis Genesis { get; }
    public IReadOnlyList<ValidatorProcess> Nodes { get; }
    public string Root => _root.FullName;

    public static SigningKey ValidatorKey(int i) => SigningKey.ForTesting($"it/consensus-validator-{i}");
    public static SigningKey ObserverKey => SigningKey.ForTesting("it/consensus-observer");
    public static SigningKey IntruderKey => SigningKey.ForTesting("it/consensus-intruder");

    /// <summary>
    /// A node that is no validator, dialling every validator: an allowed observer (node key listed in the
    /// validators' AllowedPeers) or, with <paramref name="intruder"/>, a node whose validator key is in no
    /// genesis nor allow list. With <paramref name="validatorKey"/>, the observer holds its key as a validator key (as a
    /// validator not yet added, or removed, does) rather than as a node key. Not started.
    /// </summary>
    public ValidatorProcess AddOutsider(bool intruder, bool validatorKey = false)
    {
        string name = intruder ? "intruder" : "observer";
        var home = Path.Combine(_root.FullName, name);
        int api = TestPorts.Free(), p2p = TestPorts.Free();
        var peers = Nodes.Select((n, i) =>
        {
            using var key = ValidatorKey(i);
            return $"{Hex(key)}@127.0.0.1:{n.P2PPort}";
        }).ToArray();
        using var own = intruder ? IntruderKey : ObserverKey;
        WriteHome(home, Genesis, own, api, p2p, peers, [], keyFile: intruder || validatorKey ? "validator.devnet-unsafe.key" : "node.devnet-unsafe.key");
        var node = new ValidatorProcess(name, home, api, p2p);
        _outsiders.Add(node);
        return node;
    }

    private readonly List<ValidatorProcess> _outsiders = [];

    private static string Hex(SigningKey key) => Convert.ToHexStringLower(key.PublicKey.ToArray());

    public static Genesis BuildGenesis(int validators)
    {
        var single = TestNetwork.Genesis();
        return single with
        {
            Validators = [.. Enumerable.Range(0, validators).Select(i =>
            {
                using var key = ValidatorKey(i);
                return new GenesisValidator { Name = $"validator-{i}", PublicKey = key.PublicKey.ToString(), Power = 10 };
            })],
        };
    }

    /// <summary>
    /// Writes the homes and starts every node; <paramref name="adjust"/> may change the genesis (e.g. its accounts) first.
    /// P2P:ReconnectMaxMs is 1000 unless <paramref name="reconnectMaxMs"/> says otherwise (10000 is the node's default).
    /// </summary>
    public static ValidatorNetwork Start(int validators, Func<Genesis, Genesis>? adjust = null, int reconnectMaxMs = 1000)
    {
        var genesis = BuildGenesis(validators);
        if (adjust is not null) genesis = adjust(genesis);
        var ports = Enumerable.Range(0, validators).Select(_ => (Api: TestPorts.Free(), P2P: TestPorts.Free())).ToArray();
        var root = Directory.CreateTempSubdirectory("seratio-consensus-it-");
        var nodes = new List<ValidatorProcess>();
        for (int i = 0; i < validators; i++)
        {
            var home = Path.Combine(root.FullName, $"validator-{i}");
            var peers = Enumerable.Range(0, validators).Where(j => j != i).Select(j =>
            {
                using var key = ValidatorKey(j);
                return $"{Hex(key)}@127.0.0.1:{ports[j].P2P}";
            }).ToArray();
            using var own = ValidatorKey(i);
            using var observer = ObserverKey;
            WriteHome(home, genesis, own, ports[i].Api, ports[i].P2P, peers, [Hex(observer)], reconnectMaxMs: reconnectMaxMs);
            nodes.Add(new ValidatorProcess($"validator-{i}", home, ports[i].Api, ports[i].P2P));
        }
        foreach (var node in nodes) node.Start();
        return new ValidatorNetwork(root, genesis, nodes);
    }

    public static void WriteHome(string home, Genesis genesis, SigningKey key, int apiPort, int p2pPort, IReadOnlyList<string> peers,
        IReadOnlyList<string> allowed, string keyFile = "validator.devnet-unsafe.key", int reconnectMaxMs = 1000)
    {
        Directory.CreateDirectory(Path.Combine(home, "config"));
        Directory.CreateDirectory(Path.Combine(home, "keys"));
        File.WriteAllText(Path.Combine(home, "config", "genesis.json"), genesis.ToJson());
        var config = new Dictionary<string, object>
        {
            ["Api"] = new { Listen = $"127.0.0.1:{apiPort}" },
            ["P2P"] = new { Listen = $"127.0.0.1:{p2pPort}", Peers = peers, AllowedPeers = allowed, ReconnectMaxMs = reconnectMaxMs },
            ["Consensus"] = new
            {
                CommitWaitMs = 200,
                TickMs = 500,
                Timeouts = new { ProposeMs = 1500, ProposeDeltaMs = 250, PrevoteMs = 500, PrevoteDeltaMs = 250, PrecommitMs = 500, PrecommitDeltaMs = 250, MaxMs = 4000 },
            },
            ["Logging"] = new { LogLevel = new { Default = "Information", Microsoft = "Warning" } },
        };
        File.WriteAllText(Path.Combine(home, "config", "node.json"), JsonSerializer.Serialize(config));
        UnsafeKeyFile.Write(Path.Combine(home, "keys", keyFile), key);
    }

    /// <summary>Waits until every running node's head is at least <paramref name="height"/>.</summary>
    public async Task WaitForHeightAsync(ulong height, TimeSpan timeout, IEnumerable<ValidatorProcess>? nodes = null)
    {
        var watched = (nodes ?? Nodes.Where(n => n.IsRunning)).ToArray();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var heights = new List<ulong>();
            foreach (var node in watched) heights.Add((await node.TryStatusAsync())?.LatestHeight ?? 0);
            if (heights.All(h => h >= height)) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"heights {string.Join(", ", heights)} did not reach {height} within {timeout} (running: {string.Join(", ", watched.Select(w => w.IsRunning))})\n{Logs(watched)}");
            await Task.Delay(200);
        }
    }

    public static string Logs(IEnumerable<ValidatorProcess> nodes) =>
        string.Join("\n", nodes.Select(n => $"--- {n.Name} ---\n{Tail(n.Output, 40)}"));

    private static string Tail(string text, int lines) => string.Join("\n", text.Split('\n').TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes.Concat(_outsiders)) await node.DisposeAsync();
        try { _root.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
