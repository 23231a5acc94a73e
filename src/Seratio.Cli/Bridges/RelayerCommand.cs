using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seratio.Bridges.Contracts;
using Seratio.Bridges.Relaying;
using Seratio.Cli.Cli;
using Seratio.Cli.Devnet;

namespace Seratio.Cli.Bridges;

/// <summary>
/// <c>seratio relayer --chain eth|etc --rpc URL --contract ADDR --key-file F [--confirmations N] [--outbox FILE]</c>:
/// runs one <see cref="AnchorRelayer"/> against the node named by <c>--node</c> until Ctrl-C or SIGTERM
/// (docs/anchoring.md "Relayers"). Stateless factory; the command's action owns the relayer.
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
            Description = "File with the relayer account's secp256k1 key: {\"private_key\":\"<64 hex>\"} or the 64 hex digits alone; it pays the gas",
            Required = true,
        };
        var confirmations = new Option<int?>("--confirmations") { Description = "Confirmation depth (default: eth 64, etc 4000)" };
        var outbox = new Option<string?>("--outbox") { Description = "Outbox file (default: relayer-<chain>.outbox.json in the current folder)" };
        var command = new Command("relayer", "Anchor the node's ready checkpoints to an EVM chain; runs until Ctrl-C or SIGTERM")
        {
            chain, rpc, contract, keyFile, confirmations, outbox,
        };
        command.SetAction(async (parse, ct) =>
        {
            var target = parse.GetValue(chain)!;
            var relayerOptions = new RelayerOptions
            {
                Target = target,
                RpcUrl = parse.GetValue(rpc)!,
                Contract = parse.GetValue(contract)!,
                PrivateKey = ReadKey(parse.GetValue(keyFile)!),
                Type0 = target == "etc",
                Confirmations = parse.GetValue(confirmations) ?? RelayerOptions.DefaultConfirmations(target),
                OutboxPath = parse.GetValue(outbox) ?? $"relayer-{target}.outbox.json",
            };
            relayerOptions.EvmChainId = await ChainIdAsync(relayerOptions.RpcUrl, ct);
            var validation = new RelayerOptionsValidator().Validate(null, relayerOptions);
            if (validation.Failed) throw CommandException.Usage(string.Join("; ", validation.Failures));

            var artifacts = AnchorArtifacts.Load(Path.Combine(AppContext.BaseDirectory, "anchor"));
            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; }));
            using var source = new NodeCheckpointSource(parse.GetValue(options.Node)!);
            AnchorRelayer relayer;
            try
            {
                relayer = new AnchorRelayer(relayerOptions, source, artifacts, loggers.CreateLogger<AnchorRelayer>());
            }
            catch (InvalidDataException e)
            {
                throw CommandException.Failed(e.Message);
            }
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

    private static string ReadKey(string path)
    {
        if (!File.Exists(path)) throw CommandException.Usage($"--key-file {path} does not exist");
        var text = File.ReadAllText(path).Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.TryGetProperty("private_key", out var key) && key.GetString() is { } hex) return hex;
            }
            catch (JsonException e)
            {
                throw CommandException.Usage($"--key-file {path} is not JSON ({e.Message})");
            }
            throw CommandException.Usage($"--key-file {path} has no \"private_key\"");
        }
        return text;
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
