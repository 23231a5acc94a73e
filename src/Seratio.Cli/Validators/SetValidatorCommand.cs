using System.CommandLine;
using System.Text;
using Google.Protobuf;
using Seratio.Cli.Cli;
using Seratio.Cli.Modules;
using Seratio.Cli.Tx;
using Seratio.Protocol;

namespace Seratio.Cli.Validators;

/// <summary><c>seratio tx set-validator</c>: the authority adds, re-weights or (power 0) removes a validator (signed and sent through <see cref="MsgSender"/>).</summary>
internal static class SetValidatorCommand
{
    public const int MaxNameBytes = 64;

    public static Command Create(GlobalOptions options)
    {
        var pubkey = new Option<string>("--pubkey") { Description = "Validator's Ed25519 public key, 64 hex digits", Required = true };
        var power = new Option<ulong>("--power") { Description = "Voting power; 0 removes the validator", Required = true };
        var name = new Option<string>("--name") { Description = $"Validator name, at most {MaxNameBytes} UTF-8 bytes", DefaultValueFactory = _ => "" };
        var sender = new MsgSender(options, TxCommands.DefaultGasLimit, signer: "the authority");
        var command = sender.AddTo(new Command("set-validator", "Add, re-weight or remove (power 0) a validator; authority only, effective two heights after commit")
        {
            pubkey, power, name,
        });
        command.SetAction((parse, ct) =>
        {
            var key = ValidatorCommands.ParseKey(parse.GetValue(pubkey)!, "--pubkey");
            var validatorName = parse.GetValue(name)!;
            if (Encoding.UTF8.GetByteCount(validatorName) > MaxNameBytes) throw CommandException.Usage($"--name is longer than {MaxNameBytes} UTF-8 bytes");
            var set = new MsgSetValidator { PublicKey = ByteString.CopyFrom(key), Power = parse.GetValue(power), Name = validatorName };
            return sender.SendAsync(parse, _ => new Msg { SetValidator = set }, sent => new
            {
                tx_hash = sent.Hash, from = sent.From, public_key = Convert.ToHexStringLower(key), power = set.Power, name = validatorName,
                nonce = sent.Body.Nonce, receipt = sent.ReceiptJson,
            }, ct);
        });
        return command;
    }
}
