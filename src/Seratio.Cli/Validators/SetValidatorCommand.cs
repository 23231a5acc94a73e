using System.CommandLine;
using System.Text;
using Google.Protobuf;
using Seratio.Cli.Cli;
using Seratio.Cli.Keys;
using Seratio.Cli.Rpc;
using Seratio.Cli.Tx;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Cli.Validators;

/// <summary><c>seratio tx set-validator</c>: the authority adds, re-weights or (power 0) removes a validator.</summary>
internal static class SetValidatorCommand
{
    public const int MaxNameBytes = 64;

    public static Command Create(GlobalOptions options)
    {
        var from = new Option<string>("--from") { Description = "Signer (the authority): keystore key name, devnet key name (e.g. dev-0) or key file path", Required = true };
        var pubkey = new Option<string>("--pubkey") { Description = "Validator's Ed25519 public key, 64 hex digits", Required = true };
        var power = new Option<ulong>("--power") { Description = "Voting power; 0 removes the validator", Required = true };
        var name = new Option<string>("--name") { Description = $"Validator name, at most {MaxNameBytes} UTF-8 bytes", DefaultValueFactory = _ => "" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the transaction is committed and print its receipt" };
        var gasLimit = new Option<ulong>("--gas-limit") { Description = "Most gas the transaction may use", DefaultValueFactory = _ => 100_000 };
        var gasPrice = new Option<ulong>("--gas-price") { Description = "SER base units paid per gas", DefaultValueFactory = _ => 0 };
        var expiry = new Option<ulong>("--expiry-blocks") { Description = "Blocks after the current height the transaction stays valid (0 = never expires)", DefaultValueFactory = _ => 100 };
        var keystore = options.KeystoreOption();
        var passphraseFile = GlobalOptions.PassphraseFileOption();
        var home = options.DevnetHomeOption("Devnet home whose keys/ folder --from may name (env SERATIO_HOME)");
        var command = new Command("set-validator", "Add, re-weight or remove (power 0) a validator; authority only, effective two heights after commit")
        {
            from, pubkey, power, name, wait, gasLimit, gasPrice, expiry, keystore, passphraseFile, home,
        };
        command.SetAction(async (parse, ct) =>
        {
            var key = ValidatorCommands.ParseKey(parse.GetValue(pubkey)!, "--pubkey");
            var validatorName = parse.GetValue(name)!;
            if (Encoding.UTF8.GetByteCount(validatorName) > MaxNameBytes) throw CommandException.Usage($"--name is longer than {MaxNameBytes} UTF-8 bytes");
            ulong limit = parse.GetValue(gasLimit) is > 0 and var g ? g : throw CommandException.Usage("--gas-limit must be at least 1");
            var fromName = parse.GetValue(from)!;
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            using var signer = SignerResolver.Resolve(fromName, parse.GetValue(keystore)!, parse.GetValue(home)!,
                () => PassphraseReader.Read(options.Console, parse.GetValue(passphraseFile), fromName, confirm: false));

            var status = await node.StatusAsync(ct);
            var account = await node.CallAsync((c, o) => c.GetAccountAsync(new GetAccountRequest { Address = signer.Address.ToString() }, o), NodeConnection.QuickCall, ct);
            ulong expiryBlocks = parse.GetValue(expiry);
            var body = new TxBody
            {
                ChainId = status.ChainId,
                Sender = signer.Address.ToByteString(),
                Nonce = account.Nonce,
                GasLimit = limit,
                GasPrice = parse.GetValue(gasPrice),
                ExpiryHeight = expiryBlocks == 0 ? 0 : checked(status.LatestHeight + expiryBlocks),
            };
            body.Msgs.Add(new Msg { SetValidator = new MsgSetValidator { PublicKey = ByteString.CopyFrom(key), Power = parse.GetValue(power), Name = validatorName } });
            var txBytes = TxDecoder.Sign(body, signer);
            var mode = parse.GetValue(wait) ? SubmitMode.Commit : SubmitMode.Admit;
            var response = await node.CallAsync(
                (c, o) => c.SubmitTxAsync(new SubmitTxRequest { Tx = ByteString.CopyFrom(txBytes), Mode = mode }, o),
                mode == SubmitMode.Commit ? TxCommands.CommitWait : NodeConnection.QuickCall, ct);
            var hash = Display.Hex(response.TxHash);
            var receipt = response.Receipt;
            options.Printer(parse).Result(
                new
                {
                    tx_hash = hash, from = signer.Address.ToString(), public_key = Convert.ToHexStringLower(key), power = parse.GetValue(power), name = validatorName,
                    nonce = body.Nonce, receipt = receipt is null ? null : TxPrinter.ReceiptJson(receipt),
                },
                () => receipt is null
                    ? Printer.Fields(("tx", hash), ("status", "admitted to the mempool (use --wait to wait for the commit)"))
                    : Printer.Fields([("tx", hash), .. TxPrinter.ReceiptFields(receipt)]));
            return receipt is null || receipt.Code == ResultCode.Ok ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }
}
