using System.CommandLine;
using System.Text;
using Google.Protobuf;
using Seratio.Cli.Cli;
using Seratio.Cli.Keys;
using Seratio.Cli.Rpc;
using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Cli.Tx;

/// <summary><c>seratio tx send</c>: build, sign and submit a SER transfer.</summary>
internal static class TxCommands
{
    public const int MaxMemoBytes = 256;
    /// <summary>How long --wait lets the node take to commit.</summary>
    public static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(120);

    public static Command Create(GlobalOptions options)
    {
        var tx = new Command("tx", "Build, sign and submit transactions");
        tx.Subcommands.Add(Send(options));
        tx.Subcommands.Add(Validators.SetValidatorCommand.Create(options));
        return tx;
    }

    private static Command Send(GlobalOptions options)
    {
        var from = new Option<string>("--from") { Description = "Signer: keystore key name, devnet key name (e.g. dev-0) or key file path", Required = true };
        var to = new Option<string>("--to") { Description = "Recipient address (ser1...)", Required = true };
        var amount = new Option<string>("--amount") { Description = "Amount: '10SER', '0.5SER', or base units alone ('1500000')", Required = true };
        var memo = new Option<string>("--memo") { Description = $"Memo, at most {MaxMemoBytes} UTF-8 bytes", DefaultValueFactory = _ => "" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the transaction is committed and print its receipt" };
        var gasLimit = new Option<ulong>("--gas-limit") { Description = "Most gas the transaction may use", DefaultValueFactory = _ => 100_000 };
        var gasPrice = new Option<ulong>("--gas-price") { Description = "SER base units paid per gas", DefaultValueFactory = _ => 0 };
        var expiry = new Option<ulong>("--expiry-blocks") { Description = "Blocks after the current height the transaction stays valid (0 = never expires)", DefaultValueFactory = _ => 100 };
        var keystore = options.KeystoreOption();
        var passphraseFile = GlobalOptions.PassphraseFileOption();
        var home = options.DevnetHomeOption("Devnet home whose keys/ folder --from may name (env SERATIO_HOME)");
        var command = new Command("send", "Send SER from a key to an address")
        {
            from, to, amount, memo, wait, gasLimit, gasPrice, expiry, keystore, passphraseFile, home,
        };
        command.SetAction(async (parse, ct) =>
        {
            var request = new TransferRequest(
                To: ParseAddress(parse.GetValue(to)!),
                Amount: ParseAmount(parse.GetValue(amount)!),
                Memo: CheckMemo(parse.GetValue(memo)!),
                GasLimit: parse.GetValue(gasLimit) is > 0 and var g ? g : throw CommandException.Usage("--gas-limit must be at least 1"),
                GasPrice: parse.GetValue(gasPrice),
                ExpiryBlocks: parse.GetValue(expiry));
            var fromName = parse.GetValue(from)!;
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            using var key = SignerResolver.Resolve(fromName, parse.GetValue(keystore)!, parse.GetValue(home)!,
                () => PassphraseReader.Read(options.Console, parse.GetValue(passphraseFile), fromName, confirm: false));

            var status = await node.StatusAsync(ct);
            var account = await node.CallAsync((c, o) => c.GetAccountAsync(new GetAccountRequest { Address = key.Address.ToString() }, o), NodeConnection.QuickCall, ct);
            var body = request.ToBody(status.ChainId, key.Address, account.Nonce, status.LatestHeight);
            var txBytes = TxDecoder.Sign(body, key);
            var mode = parse.GetValue(wait) ? SubmitMode.Commit : SubmitMode.Admit;
            var response = await node.CallAsync(
                (c, o) => c.SubmitTxAsync(new SubmitTxRequest { Tx = ByteString.CopyFrom(txBytes), Mode = mode }, o),
                mode == SubmitMode.Commit ? CommitWait : NodeConnection.QuickCall, ct);
            return TxPrinter.PrintSubmitted(options.Printer(parse), response, key.Address, body);
        });
        return command;
    }

    /// <summary>Parses --amount through <see cref="Amount.TryParseDisplay"/>; a bad amount is a usage error.</summary>
    internal static Amount ParseAmount(string text)
    {
        if (!Amount.TryParseDisplay(text, Ser.Decimals, Ser.Symbol, out var value, out var error))
            throw CommandException.Usage($"--amount: {error}");
        if (value.IsZero) throw CommandException.Usage("--amount must be more than zero");
        return value;
    }

    internal static Address ParseAddress(string text) =>
        Address.TryParse(text, out var address, out var error) ? address : throw CommandException.Usage($"--to: {error}");

    private static string CheckMemo(string memo) =>
        Encoding.UTF8.GetByteCount(memo) <= MaxMemoBytes ? memo : throw CommandException.Usage($"--memo is longer than {MaxMemoBytes} UTF-8 bytes");
}

/// <summary>A validated transfer, before the node supplies chain id, nonce and height.</summary>
internal sealed record TransferRequest(Address To, Amount Amount, string Memo, ulong GasLimit, ulong GasPrice, ulong ExpiryBlocks)
{
    public TxBody ToBody(string chainId, Address sender, ulong nonce, ulong height)
    {
        var body = new TxBody
        {
            ChainId = chainId,
            Sender = sender.ToByteString(),
            Nonce = nonce,
            GasLimit = GasLimit,
            GasPrice = GasPrice,
            ExpiryHeight = ExpiryBlocks == 0 ? 0 : checked(height + ExpiryBlocks),
        };
        body.Msgs.Add(new Msg
        {
            Transfer = new MsgTransfer { To = To.ToByteString(), Denom = Ser.Symbol, Amount = Amount.ToString(), Memo = Memo },
        });
        return body;
    }
}
