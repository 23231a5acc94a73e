using System.Globalization;

namespace Seratio.LoadGen.AnchorLag;

/// <summary>One anchor contract to watch: the target's name on the Seratio chain, its JSON-RPC URL and address. Immutable.</summary>
internal sealed record WatchedChain(string Target, string RpcUrl, string Contract);

/// <summary>
/// Options of <c>seratio-loadgen anchor-lag</c>: the node, one or two anchor contracts, how many checkpoints to measure and
/// for how long at most, and how often to look. Immutable once parsed.
/// </summary>
internal sealed record AnchorLagOptions
{
    public string Node { get; init; } = "http://127.0.0.1:9090";
    public IReadOnlyList<WatchedChain> Chains { get; init; } = [];
    /// <summary>Checkpoints to measure per chain before stopping.</summary>
    public int Checkpoints { get; init; } = 10;
    /// <summary>Seconds after which the run stops with what it has.</summary>
    public int DurationSeconds { get; init; } = 300;
    /// <summary>Milliseconds between two looks at the node and the chains: the resolution of every figure.</summary>
    public int PollMs { get; init; } = 100;

    public const string Usage = """
        seratio-loadgen anchor-lag — measures how long a checkpoint takes from ready on the Seratio node
        (ListCheckpoints shows it ready for a target) to its inclusion on an EVM chain (the anchor contract's
        CheckpointAnchored event), with p50/p99/max per chain. Run it beside a devnet and the relayers.

          --node URL              node API (default http://127.0.0.1:9090)
          --rpc-eth URL           JSON-RPC of the Ethereum node    } at least one chain;
          --contract-eth ADDR     anchor contract there            } both for eth and etc
          --rpc-etc URL           JSON-RPC of the Ethereum Classic node
          --contract-etc ADDR     anchor contract there
          --checkpoints N         checkpoints to measure per chain (default 10)
          --duration S            stop after S seconds at most (default 300)
          --poll-ms MS            look every MS milliseconds (default 100): the figures' resolution
        """;

    public static AnchorLagOptions Parse(IReadOnlyList<string> args)
    {
        var options = new AnchorLagOptions();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count) throw new ArgumentException($"expected --option VALUE at '{name}'");
            values[name] = args[++i];
        }
        foreach (var name in values.Keys)
            if (name is not ("--node" or "--rpc-eth" or "--contract-eth" or "--rpc-etc" or "--contract-etc" or "--checkpoints" or "--duration" or "--poll-ms"))
                throw new ArgumentException($"unknown option {name}");
        var chains = new List<WatchedChain>();
        foreach (var target in new[] { "eth", "etc" })
        {
            bool rpc = values.TryGetValue($"--rpc-{target}", out var url), contract = values.TryGetValue($"--contract-{target}", out var address);
            if (rpc != contract) throw new ArgumentException($"--rpc-{target} and --contract-{target} go together");
            if (!rpc) continue;
            if (address!.Length != 42 || !address.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || !address[2..].All(Uri.IsHexDigit))
                throw new ArgumentException($"--contract-{target} must be 0x and 40 hex digits, got '{address}'");
            chains.Add(new WatchedChain(target, url!, address));
        }
        if (chains.Count == 0) throw new ArgumentException("give at least one chain: --rpc-eth URL --contract-eth ADDR and/or --rpc-etc URL --contract-etc ADDR");
        return options with
        {
            Node = values.GetValueOrDefault("--node", options.Node),
            Chains = chains,
            Checkpoints = Int(values, "--checkpoints", options.Checkpoints, 1, 10_000),
            DurationSeconds = Int(values, "--duration", options.DurationSeconds, 1, 86_400),
            PollMs = Int(values, "--poll-ms", options.PollMs, 10, 10_000),
        };
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new ArgumentException($"{name} must be {min}..{max}, got '{text}'");
        return value;
    }
}
