using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using Seratio.Cli.Cli;
using Seratio.Cli.Proofs;
using Seratio.Cli.Rpc;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Cli.Query;

/// <summary><c>seratio query account|tx|block|checkpoint|checkpoints</c>: read the chain over gRPC.</summary>
internal static class QueryCommands
{
    public static Command Create(GlobalOptions options)
    {
        var query = new Command("query", "Read accounts, transactions, blocks and checkpoints from a node");
        query.Subcommands.Add(Account(options));
        query.Subcommands.Add(Tx(options));
        query.Subcommands.Add(Block(options));
        query.Subcommands.Add(CheckpointCommands.Checkpoint(options));
        query.Subcommands.Add(CheckpointCommands.List(options));
        return query;
    }

    private static Command Account(GlobalOptions options)
    {
        var address = new Argument<string>("address") { Description = "Account address (ser1...)" };
        var height = new Option<ulong>("--height") { Description = "A retained height (default: latest)" };
        var prove = new Option<bool>("--prove") { Description = "Ask for a state proof; with --output json prints a document 'proof verify' checks offline" };
        var command = new Command("account", "Show an account's balance and nonce") { address, height, prove };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(address)!;
            if (!Address.TryParse(text, out _, out var error)) throw CommandException.Usage(error);
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            bool withProof = parse.GetValue(prove);
            var chainId = withProof ? (await node.StatusAsync(ct)).ChainId : "";
            var a = await node.CallAsync(
                (c, o) => c.GetAccountAsync(new GetAccountRequest { Address = text, Height = parse.GetValue(height), Prove = withProof }, o),
                NodeConnection.QuickCall, ct);
            var printer = options.Printer(parse);
            if (withProof && a.Proof is null) throw CommandException.Failed("the node answered without the requested proof");
            if (withProof && printer.IsJson)
            {
                var block = a.Height > 0 ? await Verification.BlockEvidenceFetch.AtAsync(node, a.Height, ct) : null;
                var changes = block is null ? null : await Verification.ValidatorChangeFetch.FetchAsync(node, a.Height, ct);
                printer.RawJson(AccountProofDocument.From(chainId, a, block, changes).ToJson());
                return ExitCodes.Ok;
            }
            printer.Result(
                new { address = a.Address, height = a.Height, balance = a.Balance, nonce = a.Nonce, state_root = Display.Hex(a.StateRoot) },
                () =>
                {
                    var fields = new List<(string, string)>
                    {
                        ("address", a.Address),
                        ("height", a.Height.ToString(CultureInfo.InvariantCulture)),
                        ("balance", Display.Ser(a.Balance)),
                        ("nonce", a.Nonce.ToString(CultureInfo.InvariantCulture)),
                        ("state root", Display.HexText(a.StateRoot)),
                    };
                    if (a.Proof is { } p)
                        fields.Add(("proof", $"{(p.Exists ? "membership" : "non-membership")}, depth {p.Depth}, {p.Siblings.Count} siblings (use --output json for a document 'proof verify' checks)"));
                    return Printer.Fields([.. fields]);
                });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Tx(GlobalOptions options)
    {
        var hash = new Argument<string>("hash") { Description = "Transaction hash (64 hex digits)" };
        var command = new Command("tx", "Show a committed transaction and its receipt") { hash };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(hash)!;
            if (!Hash32.TryParse(text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text, out var h))
                throw CommandException.Usage($"'{text}' is not a transaction hash (64 hex digits)");
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var t = await node.CallAsync((c, o) => c.GetTxAsync(new GetTxRequest { Hash = h.ToByteString() }, o), NodeConnection.QuickCall, ct);
            TxView.Print(options.Printer(parse), h, t);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Block(GlobalOptions options)
    {
        var height = new Argument<ulong?>("height") { Description = "Block height (default: latest)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("block", "Show a block's header and transaction hashes") { height };
        command.SetAction(async (parse, ct) =>
        {
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var request = new GetBlockRequest { Height = parse.GetValue(height) ?? 0 };
            var b = await node.CallAsync((c, o) => c.GetBlockAsync(request, o), NodeConnection.QuickCall, ct);
            BlockView.Print(options.Printer(parse), b);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The transaction id of encoded tx bytes, or null when they do not decode.</summary>
    internal static string? TxHash(ByteString txBytes)
    {
        try { return Hashing.Hash(Domains.Tx, Protocol.Tx.Parser.ParseFrom(txBytes).Body.Span).ToString(); }
        catch (InvalidProtocolBufferException) { return null; }
    }
}
