using System.CommandLine;
using System.Globalization;
using Seratio.Bridges.Contracts;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;

namespace Seratio.Cli.Anchor;

/// <summary>
/// <c>seratio anchor status [--home DIR | --rpc URL --contract ADDR --chain eth|etc] [--chain NAME]</c>: per anchored EVM
/// chain, the contract's last height, the transaction that anchored it and its confirmations, the anchor set, and the
/// node's latest ready checkpoint (docs/anchoring.md "Local network"). Text or --output json. Stateless factory.
/// </summary>
internal static class AnchorCommands
{
    public static Command Create(GlobalOptions options)
    {
        var command = new Command("anchor", "Anchoring to Ethereum and Ethereum Classic");
        command.Subcommands.Add(Status(options));
        return command;
    }

    private static Command Status(GlobalOptions options)
    {
        var home = options.DevnetHomeOption($"Devnet folder whose {AnchorFile.FileName} names the chains (env SERATIO_HOME)");
        var rpc = new Option<string?>("--rpc") { Description = "JSON-RPC URL of an EVM node, instead of the devnet's (needs --contract and --chain)" };
        var contract = new Option<string?>("--contract") { Description = "With --rpc: address of the anchor contract (0x + 40 hex)" };
        var chain = new Option<string?>("--chain") { Description = "The anchor target: eth or etc (with --home: show only this one)" };
        chain.AcceptOnlyFromAmong("eth", "etc");
        var command = new Command("status", "Per chain: the last anchored height, its EVM transaction and confirmations, and the node's latest ready checkpoint")
        {
            home, rpc, contract, chain,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (chains, devnetNode) = Chains(parse.GetValue(home)!, parse.GetValue(rpc), parse.GetValue(contract), parse.GetValue(chain));
            // The devnet's node unless --node (or SERATIO_NODE) names another.
            var nodeUrl = parse.GetResult(options.Node) is null or { Implicit: true } && options.Console.Environment("SERATIO_NODE") is null or "" && devnetNode is not null
                ? devnetNode
                : parse.GetValue(options.Node)!;
            var artifacts = AnchorArtifacts.Load(Path.Combine(AppContext.BaseDirectory, "anchor"));
            using var node = NodeConnection.Open(nodeUrl);
            var statuses = new List<AnchorChainStatus>();
            foreach (var c in chains) statuses.Add(await AnchorChainStatus.ReadAsync(c, node, artifacts, ct));
            options.Printer(parse).Result(new { node = nodeUrl, chains = statuses.Select(Json).ToList() }, () => statuses.SelectMany(Text));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The chains to report: the one the flags name, or those of the devnet's anchor.json (with its node URL).</summary>
    private static (IReadOnlyList<AnchorChain> Chains, string? Node) Chains(string home, string? rpc, string? contract, string? chain)
    {
        if (rpc is not null)
        {
            if (contract is null || chain is null) throw CommandException.Usage("--rpc needs --contract ADDR and --chain eth|etc");
            if (!Uri.TryCreate(rpc, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                throw CommandException.Usage($"--rpc '{rpc}' is not an http(s) URL");
            var hex = contract.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? contract[2..] : contract;
            if (hex.Length != 40 || !hex.All(Uri.IsHexDigit)) throw CommandException.Usage($"--contract '{contract}' is not an address (0x and 40 hex digits)");
            return ([new AnchorChain { Name = chain, Rpc = rpc, EvmChainId = 0, Contract = "0x" + hex.ToLowerInvariant(), Outbox = "" }], null);
        }
        if (contract is not null) throw CommandException.Usage("--contract needs --rpc URL");
        var file = AnchorFile.Load(home);
        var chains = file.Chains.Where(c => chain is null || c.Name == chain).ToList();
        if (chains.Count == 0) throw CommandException.Failed($"{AnchorFile.PathIn(home)} names no chain '{chain}'");
        return (chains, file.Node);
    }

    private static object Json(AnchorChainStatus s) => new
    {
        name = s.Name,
        rpc = s.Rpc,
        evm_chain_id = s.EvmChainId,
        contract = s.Contract,
        anchored_height = s.AnchoredHeight,
        tx_hash = s.TxHash,
        block_number = s.BlockNumber,
        confirmations = s.Confirmations,
        head = s.Head,
        epoch = s.Epoch.ToString(CultureInfo.InvariantCulture),
        anchor_set_hash = s.AnchorSetHash,
        node_ready_height = s.NodeReadyHeight,
        lag = s.Lag,
    };

    private static IEnumerable<string> Text(AnchorChainStatus s)
    {
        var anchored = s.AnchoredHeight == 0 ? "nothing yet" : Num(s.AnchoredHeight);
        var node = s.NodeReadyHeight is { } ready ? $"node's latest ready checkpoint {Num(ready)}, lag {Num(s.Lag!.Value)}" : "the node has no ready checkpoint for it yet";
        var fields = new List<(string, string)>
        {
            ("chain", $"{s.Name} at {s.Rpc}, EVM chain id {s.EvmChainId}, head block {Num(s.Head)}"),
            ("contract", s.Contract),
            ("anchored height", $"{anchored} ({node})"),
        };
        if (s.TxHash is not null)
            fields.Add(("transaction", $"{s.TxHash} in block {Num(s.BlockNumber!.Value)}, {Num(s.Confirmations ?? 0)} confirmation(s)"));
        fields.Add(("anchor set", $"epoch {s.Epoch.ToString(CultureInfo.InvariantCulture)}, {s.AnchorSetHash}"));
        return Printer.Fields([.. fields]).Append("");
    }

    private static string Num(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
