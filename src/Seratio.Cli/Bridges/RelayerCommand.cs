using System.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seratio.Bridges.Contracts;
using Seratio.Bridges.Relaying;
using Seratio.Cli.Cli;
using Seratio.Cli.Devnet;
using Seratio.Cli.Hosting;

namespace Seratio.Cli.Bridges;

/// <summary>
/// <c>seratio relayer --chain eth|etc --rpc URL --contract ADDR --key-file F [--passphrase-file P] [--confirmations N]
/// [--outbox FILE] [--metrics HOST:PORT]</c>: runs one <see cref="AnchorRelayer"/> against the node named by <c>--node</c>
/// until Ctrl-C or SIGTERM (docs/anchoring.md "Relayers"), serving its Prometheus metrics when asked. Stateless factory;
/// the command's action owns the relayer.
/// </summary>
internal static class RelayerCommand
{
    public static Command Create(GlobalOptions options)
    {
        var chain = new Option<string>("--chain") { Description = "The anchor target: eth (EIP-1559 type 2) or etc (legacy type 0, EIP-155)", Required = true };
        chain.AcceptOnlyFromAmong("eth", "etc");
        var rpc = new Option<string>("--rpc") { Description = "JSON-RPC URL of the EVM node", Required = true };
        var contract = new Option<string>("--contract") { Description = "Address of the anchor contract (0x + 40 hex)", Required = true };
        var keyFile = new Option<string>("--key-file")
        {
            Description = "The relayer account's key, which pays the gas: an Ethereum keystore v3 file (seratio keys new-relayer, geth, cast wallet) " +
                          "opened with --passphrase-file, or a plain {\"private_key\":\"<64 hex>\"} / 64-hex file",
            Required = true,
        };
        var passphraseFile = new Option<string?>("--passphrase-file") { Description = "File whose first line is the passphrase of an encrypted --key-file" };
        var metrics = new Option<string?>("--metrics") { Description = "Serve Prometheus metrics (seratio_relayer_*) at http://HOST:PORT/metrics" };
        var confirmations = new Option<int?>("--confirmations") { Description = "Confirmation depth (default: eth 64, etc 4000)" };
        var outbox = new Option<string?>("--outbox") { Description = "Outbox file (default: relayer-<chain>.outbox.json in the current folder)" };
        var command = new Command("relayer", "Anchor the node's ready checkpoints to an EVM chain; runs until Ctrl-C or SIGTERM")
        {
            chain, rpc, contract, keyFile, passphraseFile, confirmations, outbox, metrics,
        };
        command.SetAction(async (parse, ct) =>
        {
            var target = parse.GetValue(chain)!;
            var metricsAddress = parse.GetValue(metrics);
            ListenAddress listen = default;
            if (metricsAddress is not null && !ListenAddress.TryParse(metricsAddress, out listen, out var listenError)) throw CommandException.Usage($"--metrics: {listenError}");
            RelayerKey key;
            try
            {
                key = RelayerKeyFile.Load(parse.GetValue(keyFile)!, parse.GetValue(passphraseFile));
            }
            catch (InvalidOperationException e)
            {
                throw CommandException.Failed(e.Message);
            }
            var relayerOptions = new RelayerOptions
            {
                Target = target,
                RpcUrl = parse.GetValue(rpc)!,
                Contract = parse.GetValue(contract)!,
                PrivateKey = key.PrivateKeyHex,
                Type0 = target == "etc",
                Confirmations = parse.GetValue(confirmations) ?? RelayerOptions.DefaultConfirmations(target),
                OutboxPath = parse.GetValue(outbox) ?? $"relayer-{target}.outbox.json",
            };
            relayerOptions.EvmChainId = await ChainIdAsync(relayerOptions.RpcUrl, ct);
            var validation = new RelayerOptionsValidator().Validate(null, relayerOptions);
            if (validation.Failed) throw CommandException.Usage(string.Join("; ", validation.Failures));

            var artifacts = AnchorArtifacts.Load(Path.Combine(AppContext.BaseDirectory, "anchor"));
            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; }));
            if (key.Warning is not null) loggers.CreateLogger<AnchorRelayer>().LogWarning("{Warning}", key.Warning);
            using var source = new NodeCheckpointSource(parse.GetValue(options.Node)!);
            var registry = Prometheus.Metrics.NewCustomRegistry();
            var relayerMetrics = new RelayerMetrics(registry);
            AnchorRelayer relayer;
            try
            {
                relayer = new AnchorRelayer(relayerOptions, source, artifacts, loggers.CreateLogger<AnchorRelayer>(), metrics: relayerMetrics);
            }
            catch (InvalidDataException e)
            {
                throw CommandException.Failed(e.Message);
            }
            using var server = metricsAddress is null ? null : StartMetrics(listen, registry);
            if (server is not null) options.Console.Out.WriteLine($"relayer metrics at http://{listen}/metrics");
            using var stop = new StopSignal(ct);
            using var cancel = new CancellationTokenSource();
            var running = relayer.RunAsync(cancel.Token);
            await Task.WhenAny(stop.Task, running);
            await cancel.CancelAsync();
            await running;
            options.Console.Out.WriteLine($"relayer for {target} stopped; outbox {Path.GetFullPath(relayerOptions.OutboxPath)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Serves <paramref name="registry"/> at http://HOST:PORT/metrics; a port in use ends the command naming --metrics.</summary>
    private static Prometheus.MetricServer StartMetrics(ListenAddress listen, Prometheus.CollectorRegistry registry)
    {
        var host = listen.Host is "0.0.0.0" or "[::]" ? "+" : listen.Host;
        var server = new Prometheus.MetricServer(host, listen.Port, "metrics/", registry);
        try
        {
            server.Start();
            return server;
        }
        catch (Exception e) when (e is System.Net.HttpListenerException or InvalidOperationException)
        {
            server.Dispose();
            throw CommandException.Failed($"--metrics: cannot listen on {listen}: {e.Message}");
        }
    }

    private static async Task<long> ChainIdAsync(string rpcUrl, CancellationToken ct)
    {
        if (!Uri.TryCreate(rpcUrl, UriKind.Absolute, out _)) throw CommandException.Usage($"--rpc '{rpcUrl}' is not a URL");
        try
        {
            var web3 = new Nethereum.Web3.Web3(rpcUrl);
            return (long)(await web3.Eth.ChainId.SendRequestAsync().WaitAsync(TimeSpan.FromSeconds(10), ct)).Value;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Nethereum.JsonRpc.Client.RpcClientUnknownException)
        {
            throw CommandException.Failed($"the EVM node at {rpcUrl} does not answer eth_chainId: {e.Message}");
        }
    }
}
