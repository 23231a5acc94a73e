using System.Globalization;

namespace Seratio.LoadGen;

internal sealed record LoadGenOptions
{
    public string Node { get; init; } = "http://127.0.0.1:9090";
    /// <summary>Node APIs the submissions are spread over (each account sticks to one); the first also funds and is watched for commits. Defaults to <see cref="Node"/>.</summary>
    public IReadOnlyList<string> Nodes { get; init; } = [];
    /// <summary>Seconds into the measured window at which <see cref="KillPid"/> is killed (SIGKILL); 0 = no kill.</summary>
    public int KillAfterSeconds { get; init; }
    /// <summary>Process id of the validator to kill (never the first of <see cref="Nodes"/>, whose block stream is watched).</summary>
    public int KillPid { get; init; }
    public int DurationSeconds { get; init; } = 20;
    public int WarmupSeconds { get; init; } = 3;
    /// <summary>Offered transfers per second; 0 = as fast as the node admits.</summary>
    public int Rate { get; init; }
    public int Accounts { get; init; } = 2000;
    /// <summary>Concurrent SubmitTx calls, or SubmitTxBatch calls with <see cref="Batch"/>.</summary>
    public int Concurrency { get; init; } = 64;
    /// <summary>Transfers per SubmitTxBatch call; 0 = one SubmitTx per transfer.</summary>
    public int Batch { get; init; }
    public int Channels { get; init; } = 4;
    /// <summary>Names of devnet keys (SigningKey.ForTesting("devnet/NAME")) that fund the load accounts.</summary>
    public IReadOnlyList<string> Funders { get; init; } = ["dev-0", "dev-1", "dev-2", "dev-3"];
    public int Validators { get; init; } = 1;
    public string? JsonOut { get; init; }
    private bool ValidatorsGiven { get; init; }
    /// <summary>Shares of certificate issuances, microshare sends and exchange actions among the transactions (--mix); transfers only by default.</summary>
    public TxMix Mix { get; init; } = TxMix.TransfersOnly;
    /// <summary>Share of provenance appends among the transactions, in percent (see <see cref="ProvenanceMix"/>); 0 by default.</summary>
    public int ProvenancePercent { get; init; }

    public const string Usage = """
        seratio-loadgen — drives a running Seratio node with signed SER transfers and reports
        committed transactions per second and commit latency next to the Ed25519 bound.
        (seratio-loadgen anchor-lag --help: the anchoring lag from a ready checkpoint to its inclusion.)

          --node URL          node API (default http://127.0.0.1:9090)
          --nodes URL,URL,... several validators' APIs: each account submits to one of them (another
                              if its node stops answering); the first funds and is watched for
                              commits; --validators defaults to their number
          --kill-after S      kill --kill-pid S seconds into the measured window and report how long
                              the committed rate takes to get back to 90 % of the rate before it
          --kill-pid PID      the validator process to kill (not the first of --nodes)
          --duration S        measured seconds (default 20)
          --warmup S          seconds of load before measuring (default 3)
          --rate N            offered tx/s, 0 = as fast as admitted (default 0)
          --accounts N        sending accounts, funded first by the devnet dev keys (default 2000)
          --concurrency N     concurrent submissions (or batches) in flight (default 64)
          --batch N           send SubmitTxBatch calls of up to N transfers (default 0: one SubmitTx each)
          --channels N        gRPC channels (default 4)
          --validators N      validators in the network, to state the per-validator bound (default 1)
          --json FILE         also write the figures as JSON
          --mix KINDS         weights of transfers, certificate issuances, microshare sends and exchange
                              actions, e.g. transfers=70,certificates=30 or transfers=50,microshares=50
                              or transfers=50,orders=50 (default transfers; certificates, microshares and
                              orders need dev-0 as the chain's authority). orders: dev-0 lists a market of
                              an altcoin of the run against SER and funds the sellers; even accounts place
                              buys, odd accounts sells, around a mid (a quarter at or through it, so they
                              trade), and cancel their oldest resting order one action in four or above 16
                              open (an action the node refuses at admission becomes a transfer at its nonce);
                              the report adds placements and cancels per second committed OK next to
                              transfers per second, trades per block and refusals by code
          --provenance P      percent of provenance appends among the transactions (default 0): each account
                              registers an entity and a root record first; its appends name the root
        """;

    public static LoadGenOptions Parse(string[] args)
    {
        var o = new LoadGenOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() { var v = Next(); return int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"'{v}' is not a whole number"); }
            o = args[i] switch
            {
                "--node" => o with { Node = Next() },
                "--duration" => o with { DurationSeconds = Int() },
                "--warmup" => o with { WarmupSeconds = Int() },
                "--rate" => o with { Rate = Int() },
                "--accounts" => o with { Accounts = Int() },
                "--concurrency" => o with { Concurrency = Int() },
                "--batch" => o with { Batch = Int() },
                "--channels" => o with { Channels = Int() },
                "--validators" => o with { Validators = Int(), ValidatorsGiven = true },
                "--nodes" => o with { Nodes = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--kill-after" => o with { KillAfterSeconds = Int() },
                "--kill-pid" => o with { KillPid = Int() },
                "--funders" => o with { Funders = Next().Split(',') },
                "--json" => o with { JsonOut = Next() },
                "--mix" => o with { Mix = TxMix.Parse(Next()) },
                "--provenance" => o with { ProvenancePercent = Int() is var p and <= 100 ? p : throw new ArgumentException("--provenance is a percentage, 0-100") },
                _ => throw new ArgumentException($"unknown option '{args[i]}'"),
            };
        }
        if (o.Nodes.Count == 0) o = o with { Nodes = [o.Node] };
        else
        {
            o = o with { Node = o.Nodes[0] };
            if (!o.ValidatorsGiven) o = o with { Validators = o.Nodes.Count };
        }
        if (o.Nodes.Distinct(StringComparer.Ordinal).Count() != o.Nodes.Count) throw new ArgumentException("--nodes lists a node twice");
        if ((o.KillAfterSeconds > 0) != (o.KillPid > 0)) throw new ArgumentException("--kill-after and --kill-pid go together");
        if (o.KillAfterSeconds < 0 || o.KillPid < 0) throw new ArgumentException("--kill-after and --kill-pid must be positive");
        if (o.KillAfterSeconds >= o.DurationSeconds) throw new ArgumentException("--kill-after must be inside the measured window (below --duration)");
        if (o.KillPid > 0 && o.Nodes.Count < 2) throw new ArgumentException("--kill-pid needs --nodes with at least two nodes (the first is watched, another must carry on)");
        if (o.DurationSeconds < 1 || o.Accounts < 1 || o.Concurrency < 1 || o.Channels < 1 || o.Validators < 1)
            throw new ArgumentException("duration, accounts, concurrency, channels and validators must be at least 1");
        if (o.Mix.HasOrders && o.ProvenancePercent > 0) throw new ArgumentException("--mix orders and --provenance do not combine (both pick the same transactions); run them apart");
        if (o.Batch is < 0 or > 10_000) throw new ArgumentException("--batch must be 0..10000 (the node takes at most 10,000 per call)");
        return o;
    }
}
