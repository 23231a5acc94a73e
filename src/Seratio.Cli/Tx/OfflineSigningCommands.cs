using System.CommandLine;
using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Cli.Keys;
using Seratio.Cli.Modules;
using Seratio.Cli.Rpc;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Cli.Tx;

/// <summary>
/// <c>seratio tx sign|combine|broadcast</c>: collecting an organisation account's signatures
/// offline. Any transaction command with <c>--out PART.json</c> writes the first part; each other
/// signer adds a part over the same body with <c>tx sign --body PART.json --key K --out mine.json</c>;
/// <c>tx combine</c> joins the parts into one transaction (refusing parts over different bodies,
/// naming them) and <c>tx broadcast</c> submits it.
/// </summary>
internal static class OfflineSigningCommands
{
    public static Command Sign(GlobalOptions options)
    {
        var body = new Option<string>("--body") { Description = "A part file (from a command's --out, or another signer's tx sign) whose body to sign", Required = true };
        var key = new Option<string>("--key") { Description = "The signing key: keystore key name, devnet key name or key file path", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write this signer's part (the body and one signature)", Required = true };
        var from = new Option<string?>("--from") { Description = "The account the signer means to sign for (ser1...): refused unless it is the body's sender" };
        var keystore = options.KeystoreOption();
        var passphrase = GlobalOptions.PassphraseFileOption();
        var home = options.DevnetHomeOption("Devnet home whose keys/ folder --key may name (env SERATIO_HOME)");
        var command = new Command("sign", "Sign the body of a part file with one key, offline, and write that signature as a new part")
            { body, key, output, from, keystore, passphrase, home };
        command.SetAction(parse =>
        {
            Core.Addressing.Address? expected = parse.GetValue(from) is { } text
                ? Core.Addressing.Address.TryParse(text, out var address, out var error) ? address : throw CommandException.Usage($"--from: {error}")
                : null;
            var source = PartialTx.Read(parse.GetValue(body)!);
            if (expected is { } sender && sender != source.Sender)
                throw CommandException.Failed($"{parse.GetValue(body)} is a transaction of {source.Sender}, not of --from {sender}; nothing signed");
            var keyName = parse.GetValue(key)!;
            var outFile = parse.GetValue(output)!;
            using var signing = SignerResolver.Resolve(keyName, parse.GetValue(keystore)!, parse.GetValue(home)!,
                () => PassphraseReader.Read(options.Console, parse.GetValue(passphrase), keyName, confirm: false));
            var part = PartialTx.SignedBy(source, signing);
            part.Write(outFile);
            var messages = string.Join(", ", source.Decoded.Msgs.Select(m => m.KindCase.ToString()));
            options.Printer(parse).Result(
                new { file = outFile, tx_hash = part.TxHash, from = part.Sender.ToString(), nonce = source.Decoded.Nonce, chain_id = source.Decoded.ChainId, messages, signer = signing.PublicKey.ToString() },
                () => Printer.Fields(("file", outFile), ("tx", part.TxHash), ("from", part.Sender.ToString()), ("chain", source.Decoded.ChainId),
                    ("nonce", source.Decoded.Nonce.ToString(CultureInfo.InvariantCulture)), ("messages", messages), ("signed by", signing.PublicKey.ToString())));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Combine(GlobalOptions options)
    {
        var parts = new Argument<string[]>("parts") { Description = "Part files of one transaction", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Where to write the combined, encoded transaction (binary)", Required = true };
        var command = new Command("combine", "Join the signatures of part files over the same body into one transaction") { parts, output };
        command.SetAction(parse =>
        {
            var files = parse.GetValue(parts)!;
            var read = files.Select(f => (f, PartialTx.Read(f))).ToList();
            var tx = PartialTx.Combine(read);
            var outFile = parse.GetValue(output)!;
            File.WriteAllBytes(outFile, tx);
            var signatures = Protocol.Tx.Parser.ParseFrom(tx).Signatures.Count;
            options.Printer(parse).Result(
                new { file = outFile, tx_hash = read[0].Item2.TxHash, from = read[0].Item2.Sender.ToString(), signatures },
                () => Printer.Fields(("file", outFile), ("tx", read[0].Item2.TxHash), ("from", read[0].Item2.Sender.ToString()),
                    ("signatures", $"{signatures} (submit with 'seratio tx broadcast {outFile}')")));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Broadcast(GlobalOptions options)
    {
        var file = new Argument<string>("file") { Description = "An encoded transaction (from tx combine)" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the transaction is committed and print its receipt" };
        var command = new Command("broadcast", "Submit an encoded, signed transaction") { file, wait };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw CommandException.Usage($"no transaction file {path}");
            var bytes = await File.ReadAllBytesAsync(path, ct);
            if (TxDecoder.TryDecodeAnyChain(bytes, TxDecoder.MaxTxBytes, out var tx, out var reason) != TxFormatError.None)
                throw CommandException.Failed($"{path} is not a signed transaction: {reason}");
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var response = await MsgSender.Submit(node, bytes, parse.GetValue(wait), ct);
            var sent = new SentTx(Display.Hex(response.TxHash), tx!.Sender.ToString(), tx.Body, response.Receipt);
            return MsgSender.Print(options.Printer(parse), sent, s => new
            {
                tx_hash = s.Hash,
                from = s.From,
                nonce = s.Body.Nonce,
                signatures = tx.Signers.Count,
                receipt = s.ReceiptJson,
            });
        });
        return command;
    }
}
