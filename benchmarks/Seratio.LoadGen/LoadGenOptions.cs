using System.Globalization;

namespace Seratio.LoadGen;

internal sealed record LoadGenOptions
{
    public string Node { get; init; } = "http://127.0.0.1:9090";
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
    /// <summary>Shares of certificate issuances and microshare sends among the transactions (--mix); transfers only by default.</summary>
    public TxMix Mix { get; init; } = TxMix.TransfersOnly;

    public const string Usage = """
        seratio-loadgen — drives a running Seratio node with signed SER transfers and reports
        committed transactions per second and commit latency next to the Ed25519 bound.

          --node URL          node API (default http://127.0.0.1:9090)
          --duration S        measured seconds (default 20)
          --warmup S          seconds of load before measuring (default 3)
          --rate N            offered tx/s, 0 = as fast as admitted (default 0)
          --accounts N        sending accounts, funded first by the devnet dev keys (default 2000)
          --concurrency N     concurrent submissions (or batches) in flight (default 64)
          --batch N           send SubmitTxBatch calls of up to N transfers (default 0: one SubmitTx each)
          --channels N        gRPC channels (default 4)
          --validators N      validators in the network, to state the per-validator bound (default 1)
          --json FILE         also write the figures as JSON
          --mix KINDS         weights of transfers, certificate issuances and microshare sends,
                              e.g. transfers=70,certificates=30 or transfers=50,microshares=50
                              (default transfers; certificates and microshares need dev-0 as the chain's authority)
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
                "--validators" => o with { Validators = Int() },
                "--funders" => o with { Funders = Next().Split(',') },
                "--json" => o with { JsonOut = Next() },
                "--mix" => o with { Mix = TxMix.Parse(Next()) },
                _ => throw new ArgumentException($"unknown option '{args[i]}'"),
            };
        }
        if (o.DurationSeconds < 1 || o.Accounts < 1 || o.Concurrency < 1 || o.Channels < 1 || o.Validators < 1)
            throw new ArgumentException("duration, accounts, concurrency, channels and validators must be at least 1");
        if (o.Batch is < 0 or > 10_000) throw new ArgumentException("--batch must be 0..10000 (the node takes at most 10,000 per call)");
        return o;
    }
}
