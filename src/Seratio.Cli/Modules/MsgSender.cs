using System.CommandLine;
using Google.Protobuf;
using Seratio.Cli.Cli;
using Seratio.Cli.Keys;
using Seratio.Cli.Rpc;
using Seratio.Cli.Tx;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Cli.Modules;

/// <summary>
/// The signing and submitting options of module commands (--from, --wait, gas, expiry, key
/// sources) and the one path that turns a message into a signed, submitted transaction, as
/// <c>seratio tx send</c> does. Exit code 1 when the receipt is not OK. One instance per command.
/// </summary>
internal sealed class MsgSender
{
    private readonly GlobalOptions _options;
    private readonly Option<string> _from = new("--from") { Description = "Signer: keystore key name, devnet key name (e.g. dev-0) or key file path", Required = true };
    private readonly Option<bool> _wait = new("--wait") { Description = "Wait until the transaction is committed and print its receipt" };
    private readonly Option<ulong> _gasLimit = new("--gas-limit") { Description = "Most gas the transaction may use", DefaultValueFactory = _ => 200_000 };
    private readonly Option<ulong> _gasPrice = new("--gas-price") { Description = "SER base units paid per gas", DefaultValueFactory = _ => 0 };
    private readonly Option<ulong> _expiry = new("--expiry-blocks") { Description = "Blocks after the current height the transaction stays valid (0 = never expires)", DefaultValueFactory = _ => 100 };
    private readonly Option<string> _keystore;
    private readonly Option<string?> _passphraseFile = GlobalOptions.PassphraseFileOption();
    private readonly Option<string> _home;

    public MsgSender(GlobalOptions options)
    {
        _options = options;
        _keystore = options.KeystoreOption();
        _home = options.DevnetHomeOption("Devnet home whose keys/ folder --from may name (env SERATIO_HOME)");
    }

    /// <summary>Adds the signing options to <paramref name="command"/>.</summary>
    public Command AddTo(Command command)
    {
        foreach (var option in new Option[] { _from, _wait, _gasLimit, _gasPrice, _expiry, _keystore, _passphraseFile, _home })
            command.Options.Add(option);
        return command;
    }

    /// <summary>Resolves the signer, builds the message from its address, signs, submits and prints.</summary>
    public async Task<int> SendAsync(ParseResult parse, Func<Address, Msg> message, CancellationToken ct)
    {
        ulong gasLimit = parse.GetValue(_gasLimit) is > 0 and var g ? g : throw CommandException.Usage("--gas-limit must be at least 1");
        var fromName = parse.GetValue(_from)!;
        using var node = NodeConnection.Open(parse.GetValue(_options.Node)!);
        using var key = SignerResolver.Resolve(fromName, parse.GetValue(_keystore)!, parse.GetValue(_home)!,
            () => PassphraseReader.Read(_options.Console, parse.GetValue(_passphraseFile), fromName, confirm: false));
        var msg = message(key.Address);

        var status = await node.StatusAsync(ct);
        var account = await node.CallAsync((c, o) => c.GetAccountAsync(new GetAccountRequest { Address = key.Address.ToString() }, o), NodeConnection.QuickCall, ct);
        ulong expiry = parse.GetValue(_expiry);
        var body = new TxBody
        {
            ChainId = status.ChainId,
            Sender = key.Address.ToByteString(),
            Nonce = account.Nonce,
            GasLimit = gasLimit,
            GasPrice = parse.GetValue(_gasPrice),
            ExpiryHeight = expiry == 0 ? 0 : checked(status.LatestHeight + expiry),
        };
        body.Msgs.Add(msg);
        var txBytes = TxDecoder.Sign(body, key);
        var mode = parse.GetValue(_wait) ? SubmitMode.Commit : SubmitMode.Admit;
        var response = await node.CallAsync(
            (c, o) => c.SubmitTxAsync(new SubmitTxRequest { Tx = ByteString.CopyFrom(txBytes), Mode = mode }, o),
            mode == SubmitMode.Commit ? TxCommands.CommitWait : NodeConnection.QuickCall, ct);
        return Print(_options.Printer(parse), response, key.Address, body);
    }

    private static int Print(Printer printer, SubmitTxResponse response, Address sender, TxBody body)
    {
        var hash = Display.Hex(response.TxHash);
        var receipt = response.Receipt;
        printer.Result(
            new
            {
                tx_hash = hash,
                from = sender.ToString(),
                message = body.Msgs[0].KindCase.ToString(),
                nonce = body.Nonce,
                receipt = receipt is null ? null : TxPrinter.ReceiptJson(receipt),
            },
            () => receipt is null
                ? Printer.Fields(("tx", hash), ("status", "admitted to the mempool (use --wait to wait for the commit)"))
                : Printer.Fields([("tx", hash), .. TxPrinter.ReceiptFields(receipt)]));
        return receipt is null || receipt.Code == ResultCode.Ok ? ExitCodes.Ok : ExitCodes.Failure;
    }
}

/// <summary>Parsing of command-line values shared by the module commands; a bad value is a usage error (exit 2).</summary>
internal static class CliValues
{
    public static Address Address(string text, string what) =>
        Core.Addressing.Address.TryParse(text, out var address, out var error) ? address : throw CommandException.Usage($"{what}: {error}");

    /// <summary>A canonical amount of base units (digits, no leading zero).</summary>
    public static string BaseUnits(string text, string what, bool allowZero = false)
    {
        if (!Core.Numerics.Amount.TryParse(text, out var amount, out var error)) throw CommandException.Usage($"{what}: {error} (give base units, e.g. 1500)");
        if (amount.IsZero && !allowZero) throw CommandException.Usage($"{what} must be more than zero");
        return amount.ToString();
    }

    /// <summary>Hex bytes (optional 0x prefix); empty text is no bytes.</summary>
    public static ByteString Hex(string text, string what, int? exactLength = null)
    {
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        byte[] bytes;
        try { bytes = Convert.FromHexString(digits); }
        catch (FormatException) { throw CommandException.Usage($"{what} '{text}' is not hex"); }
        if (exactLength is { } n && bytes.Length != 0 && bytes.Length != n)
            throw CommandException.Usage($"{what} must be {n} bytes ({n * 2} hex digits), got {bytes.Length}");
        return ByteString.CopyFrom(bytes);
    }

    public static string Symbol(string text) =>
        Vm.Modules.Altcoins.AssetSymbol.Problem(text) is { } problem ? throw CommandException.Usage(problem) : text;
}
