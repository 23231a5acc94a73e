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
/// The signing and submitting options of transaction commands (--from, --wait, gas, expiry, key
/// sources) and the one path that turns a message into a signed, submitted transaction: every
/// module command, <c>seratio tx send</c> and <c>tx set-validator</c> go through it. Exit code 1
/// when the receipt is not OK. One instance per command.
/// </summary>
internal sealed class MsgSender
{
    /// <summary>The gas limit of a transaction when --gas-limit is not given.</summary>
    public const ulong DefaultGasLimit = 200_000;

    private const string KeySources = "keystore key name, devnet key name (e.g. dev-0) or key file path";

    private readonly GlobalOptions _options;
    private readonly Option<string> _from;
    private readonly Option<bool> _wait = new("--wait") { Description = "Wait until the transaction is committed and print its receipt" };
    private readonly Option<ulong> _gasLimit;
    private readonly Option<ulong> _gasPrice = new("--gas-price") { Description = "SER base units paid per gas", DefaultValueFactory = _ => 0 };
    private readonly Option<ulong> _expiry = new("--expiry-blocks") { Description = "Blocks after the current height the transaction stays valid (0 = never expires)", DefaultValueFactory = _ => 100 };
    private readonly Option<string> _keystore;
    private readonly Option<string?> _passphraseFile = GlobalOptions.PassphraseFileOption();
    private readonly Option<string> _home;

    /// <param name="options">The global options (node, output, keystore).</param>
    /// <param name="defaultGasLimit">--gas-limit when not given.</param>
    /// <param name="signer">Who signs, for the --from description (e.g. "the authority").</param>
    public MsgSender(GlobalOptions options, ulong defaultGasLimit = DefaultGasLimit, string? signer = null)
    {
        _options = options;
        _from = new("--from") { Description = signer is null ? $"Signer: {KeySources}" : $"Signer ({signer}): {KeySources}", Required = true };
        _gasLimit = new("--gas-limit") { Description = "Most gas the transaction may use", DefaultValueFactory = _ => defaultGasLimit };
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
    public Task<int> SendAsync(ParseResult parse, Func<Address, Msg> message, CancellationToken ct) =>
        SendAsync(parse, message, sent => new
        {
            tx_hash = sent.Hash,
            from = sent.From,
            message = sent.Body.Msgs[0].KindCase.ToString(),
            nonce = sent.Body.Nonce,
            receipt = sent.ReceiptJson,
        }, ct);

    /// <summary>
    /// As <see cref="SendAsync(ParseResult, Func{Address, Msg}, CancellationToken)"/>, with the command's own
    /// JSON result (<paramref name="json"/>); the text output is the same for every command.
    /// </summary>
    public Task<int> SendAsync(ParseResult parse, Func<Address, Msg> message, Func<SentTx, object> json, CancellationToken ct) =>
        SendAsync(parse, (key, _) => message(key.Address), json, ct);

    /// <summary>
    /// As <see cref="SendAsync(ParseResult, Func{Address, Msg}, Func{SentTx, object}, CancellationToken)"/>, for a message
    /// that needs the signer's key itself (its public key) and the node's chain id, e.g. a proof bound to both.
    /// </summary>
    public async Task<int> SendAsync(ParseResult parse, Func<SigningKey, string, Msg> message, Func<SentTx, object> json, CancellationToken ct)
    {
        ulong gasLimit = parse.GetValue(_gasLimit) is > 0 and var g ? g : throw CommandException.Usage("--gas-limit must be at least 1");
        var fromName = parse.GetValue(_from)!;
        using var node = NodeConnection.Open(parse.GetValue(_options.Node)!);
        using var key = SignerResolver.Resolve(fromName, parse.GetValue(_keystore)!, parse.GetValue(_home)!,
            () => PassphraseReader.Read(_options.Console, parse.GetValue(_passphraseFile), fromName, confirm: false));
        var status = await node.StatusAsync(ct);
        var msg = message(key, status.ChainId);
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
        return Print(_options.Printer(parse), new SentTx(Display.Hex(response.TxHash), key.Address.ToString(), body, response.Receipt), json);
    }

    private static int Print(Printer printer, SentTx sent, Func<SentTx, object> json)
    {
        var (hash, receipt) = (sent.Hash, sent.Receipt);
        printer.Result(
            json(sent),
            () => receipt is null
                ? Printer.Fields(("tx", hash), ("status", "admitted to the mempool (use --wait to wait for the commit)"))
                : Printer.Fields([("tx", hash), .. TxPrinter.ReceiptFields(receipt)]));
        if (receipt is null || receipt.Code == ResultCode.Ok) return ExitCodes.Ok;
        // The receipt went to stdout (perhaps as JSON); the failure must show on stderr too.
        printer.Problem($"transaction {hash} failed: {TxPrinter.CodeName(receipt.Code)}" + (receipt.Log.Length > 0 ? $": {receipt.Log}" : ""));
        return ExitCodes.Failure;
    }
}

/// <summary>A submitted transaction as a command prints it: hash (hex), sender, body and receipt (null until committed). An immutable value.</summary>
internal sealed record SentTx(string Hash, string From, TxBody Body, Receipt? Receipt)
{
    /// <summary>The receipt as JSON output shows it, or null.</summary>
    public object? ReceiptJson => Receipt is null ? null : TxPrinter.ReceiptJson(Receipt);
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
