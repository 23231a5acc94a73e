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
/// The signing and submitting options of transaction commands (--from, --sign-with, --out, --wait,
/// gas, expiry, key sources) and the one path that turns a message into a signed, submitted
/// transaction: every module command, <c>seratio tx send</c> and <c>tx set-validator</c> go through
/// it. --from names a key, or an organisation account's address with --sign-with naming the keys
/// that sign for it; --out writes the signed transaction as a partial-signature file
/// (<see cref="PartialTx"/>) instead of submitting it. Exit code 1 when the receipt is not OK.
/// One instance per command.
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
    private readonly Option<string?> _signWith = new("--sign-with")
    {
        Description = "Keys that sign for --from, an organisation account (ser1...): comma-separated key sources, as many as its threshold",
    };
    private readonly Option<string?> _out = new("--out")
    {
        Description = "Write the signed transaction to this partial-signature file instead of submitting it (more signatures: seratio tx sign; then tx combine, tx broadcast)",
    };

    /// <param name="options">The global options (node, output, keystore).</param>
    /// <param name="defaultGasLimit">--gas-limit when not given.</param>
    /// <param name="signer">Who signs, for the --from description (e.g. "the authority").</param>
    public MsgSender(GlobalOptions options, ulong defaultGasLimit = DefaultGasLimit, string? signer = null)
    {
        _options = options;
        _from = new("--from")
        {
            Description = (signer is null ? "Signer: " : $"Signer ({signer}): ") + $"{KeySources}; or an organisation account's address with --sign-with",
            Required = true,
        };
        _gasLimit = new("--gas-limit") { Description = "Most gas the transaction may use", DefaultValueFactory = _ => defaultGasLimit };
        _keystore = options.KeystoreOption();
        _home = options.DevnetHomeOption("Devnet home whose keys/ folder --from may name (env SERATIO_HOME)");
    }

    /// <summary>Adds the signing options to <paramref name="command"/>.</summary>
    public Command AddTo(Command command)
    {
        foreach (var option in new Option[] { _from, _signWith, _out, _wait, _gasLimit, _gasPrice, _expiry, _keystore, _passphraseFile, _home })
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
        SendCoreAsync(parse, (sender, _, _) => message(sender), json, null, ct);

    /// <summary>
    /// As <see cref="SendAsync(ParseResult, Func{Address, Msg}, Func{SentTx, object}, CancellationToken)"/>, with
    /// <paramref name="text"/>'s fields printed after the common ones (e.g. the address a creation gave).
    /// </summary>
    public Task<int> SendAsync(ParseResult parse, Func<Address, Msg> message, Func<SentTx, object> json, Func<SentTx, (string, string)[]> text, CancellationToken ct) =>
        SendCoreAsync(parse, (sender, _, _) => message(sender), json, text, ct);

    /// <summary>
    /// As <see cref="SendAsync(ParseResult, Func{Address, Msg}, Func{SentTx, object}, CancellationToken)"/>, for a message
    /// that needs the signer's key itself (its public key) and the node's chain id, e.g. a proof bound to both.
    /// </summary>
    public Task<int> SendAsync(ParseResult parse, Func<SigningKey, string, Msg> message, Func<SentTx, object> json, CancellationToken ct)
    {
        if (parse.GetValue(_signWith) is not null)
            throw CommandException.Usage("this command signs with the key it names in --from; --sign-with (an organisation account) does not apply");
        return SendCoreAsync(parse, (_, keys, chainId) => message(keys[0], chainId), json, null, ct);
    }

    private async Task<int> SendCoreAsync(ParseResult parse, Func<Address, IReadOnlyList<SigningKey>, string, Msg> message, Func<SentTx, object> json,
        Func<SentTx, (string, string)[]>? text, CancellationToken ct)
    {
        ulong gasLimit = parse.GetValue(_gasLimit) is > 0 and var g ? g : throw CommandException.Usage("--gas-limit must be at least 1");
        var fromName = parse.GetValue(_from)!;
        var signWith = parse.GetValue(_signWith) is { } list ? KeyList(list, "--sign-with") : null;
        Address? organisation = null;
        if (signWith is not null)
            organisation = Address.TryParse(fromName, out var org, out var error)
                ? org
                : throw CommandException.Usage($"--from must be an organisation account's address (ser1...) when --sign-with names its signers: {error}");
        var outFile = parse.GetValue(_out);
        using var node = NodeConnection.Open(parse.GetValue(_options.Node)!);
        var keys = new List<SigningKey>();
        try
        {
            foreach (var source in signWith ?? [fromName]) keys.Add(ResolveKey(parse, source));
            var sender = organisation ?? keys[0].Address;
            var status = await node.StatusAsync(ct);
            var msg = message(sender, keys, status.ChainId);
            var account = await node.CallAsync((c, o) => c.GetAccountAsync(new GetAccountRequest { Address = sender.ToString() }, o), NodeConnection.QuickCall, ct);
            ulong expiry = parse.GetValue(_expiry);
            var body = new TxBody
            {
                ChainId = status.ChainId,
                Sender = sender.ToByteString(),
                Nonce = account.Nonce,
                GasLimit = gasLimit,
                GasPrice = parse.GetValue(_gasPrice),
                ExpiryHeight = expiry == 0 ? 0 : checked(status.LatestHeight + expiry),
            };
            body.Msgs.Add(msg);
            var txBytes = TxDecoder.Sign(body, keys);
            if (outFile is not null)
            {
                var part = PartialTx.FromTx(txBytes);
                part.Write(outFile);
                _options.Printer(parse).Result(
                    new { file = outFile, tx_hash = part.TxHash, from = sender.ToString(), nonce = body.Nonce, signatures = part.Signatures.Count },
                    () => Printer.Fields(("file", outFile), ("tx", part.TxHash), ("from", sender.ToString()), ("nonce", body.Nonce.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        ("signatures", $"{part.Signatures.Count} (collect more with 'seratio tx sign --body {outFile}', then 'tx combine' and 'tx broadcast')")));
                return ExitCodes.Ok;
            }
            var response = await Submit(node, txBytes, parse.GetValue(_wait), ct);
            return Print(_options.Printer(parse), new SentTx(Display.Hex(response.TxHash), sender.ToString(), body, response.Receipt), json, text);
        }
        finally
        {
            foreach (var key in keys) key.Dispose();
        }
    }

    /// <summary>The public key of <paramref name="source"/>: 64 hex digits, or a key source as --from takes (no passphrase needed).</summary>
    public Core.Crypto.PublicKey PublicKeyOf(ParseResult parse, string source, string option)
    {
        var hex = source.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? source[2..] : source;
        if (hex.Length == 2 * Core.Crypto.PublicKey.Size && hex.All(Uri.IsHexDigit)) return new Core.Crypto.PublicKey(Convert.FromHexString(hex));
        var store = new Core.Keys.Keystore(parse.GetValue(_keystore)!);
        if (store.Contains(source)) return Keys.KeysCommands.Expect(store.Show(source)).PublicKey;
        if (Core.Keys.Keystore.NameProblem(source) is null)
        {
            var devnet = SignerResolver.DevnetKeyPath(parse.GetValue(_home)!, source);
            if (File.Exists(devnet)) return Keys.KeysCommands.Expect(Core.Keys.KeyFiles.Inspect(devnet)).PublicKey;
        }
        if (File.Exists(source)) return Keys.KeysCommands.Expect(Core.Keys.KeyFiles.Inspect(source)).PublicKey;
        throw CommandException.Usage($"{option}: '{source}' is neither a public key (64 hex digits) nor a keystore key, devnet key or key file");
    }

    private SigningKey ResolveKey(ParseResult parse, string source) =>
        SignerResolver.Resolve(source, parse.GetValue(_keystore)!, parse.GetValue(_home)!,
            () => PassphraseReader.Read(_options.Console, parse.GetValue(_passphraseFile), source, confirm: false));

    /// <summary>A comma-separated list of distinct, non-empty items (keys or key sources); a bad list is a usage error.</summary>
    internal static List<string> KeyList(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries).ToList();
        if (items.Count == 0 || items.Any(i => i.Length == 0)) throw CommandException.Usage($"{option}: give comma-separated keys without empty entries, e.g. k1,k2");
        if (items.Count > TxDecoder.MaxSignatures) throw CommandException.Usage($"{option} names {items.Count} keys; at most {TxDecoder.MaxSignatures}");
        var twice = items.GroupBy(i => i, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw CommandException.Usage($"{option} names '{twice.Key}' twice; each key once");
        return items;
    }

    /// <summary>Submits encoded transaction bytes, waiting for the commit when <paramref name="wait"/>.</summary>
    internal static Task<SubmitTxResponse> Submit(NodeConnection node, byte[] txBytes, bool wait, CancellationToken ct)
    {
        var mode = wait ? SubmitMode.Commit : SubmitMode.Admit;
        return node.CallAsync(
            (c, o) => c.SubmitTxAsync(new SubmitTxRequest { Tx = ByteString.CopyFrom(txBytes), Mode = mode }, o),
            wait ? TxCommands.CommitWait : NodeConnection.QuickCall, ct);
    }

    internal static int Print(Printer printer, SentTx sent, Func<SentTx, object> json, Func<SentTx, (string, string)[]>? text = null)
    {
        var (hash, receipt) = (sent.Hash, sent.Receipt);
        (string, string)[] extra = text is null ? [] : text(sent);
        printer.Result(
            json(sent),
            () => receipt is null
                ? Printer.Fields([("tx", hash), ("status", "admitted to the mempool (use --wait to wait for the commit)"), .. extra])
                : Printer.Fields([("tx", hash), .. TxPrinter.ReceiptFields(receipt), .. extra]));
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
