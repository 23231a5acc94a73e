using System.CommandLine;
using System.Text;
using Seratio.Cli.Cli;
using Seratio.Cli.Modules;
using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Cli.Tx;

/// <summary>
/// <c>seratio tx send</c>: build, sign and submit a SER transfer (through <see cref="MsgSender"/>); the
/// group also holds <c>set-validator</c>, <c>register-anchor-key</c> and the offline signing commands
/// (<see cref="OfflineSigningCommands"/>).
/// </summary>
internal static class TxCommands
{
    public const int MaxMemoBytes = 256;

    /// <summary>--gas-limit of <c>tx send</c> and <c>tx set-validator</c> when not given.</summary>
    public const ulong DefaultGasLimit = 100_000;

    /// <summary>How long --wait lets the node take to commit.</summary>
    public static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(120);

    public static Command Create(GlobalOptions options)
    {
        var tx = new Command("tx", "Build, sign and submit transactions");
        tx.Subcommands.Add(Send(options));
        tx.Subcommands.Add(Validators.SetValidatorCommand.Create(options));
        tx.Subcommands.Add(Validators.RegisterAnchorKeyCommand.Create(options));
        tx.Subcommands.Add(OfflineSigningCommands.Sign(options));
        tx.Subcommands.Add(OfflineSigningCommands.Combine(options));
        tx.Subcommands.Add(OfflineSigningCommands.Broadcast(options));
        return tx;
    }

    private static Command Send(GlobalOptions options)
    {
        var to = new Option<string>("--to") { Description = "Recipient address (ser1...)", Required = true };
        var amount = new Option<string>("--amount") { Description = "Amount: '10SER', '0.5SER', or base units alone ('1500000')", Required = true };
        var memo = new Option<string>("--memo") { Description = $"Memo, at most {MaxMemoBytes} UTF-8 bytes", DefaultValueFactory = _ => "" };
        var sender = new MsgSender(options, DefaultGasLimit);
        var command = sender.AddTo(new Command("send", "Send SER from a key (or an organisation account) to an address") { to, amount, memo });
        command.SetAction((parse, ct) =>
        {
            var transfer = new MsgTransfer
            {
                To = ParseAddress(parse.GetValue(to)!).ToByteString(),
                Denom = Ser.Symbol,
                Amount = ParseAmount(parse.GetValue(amount)!).ToString(),
                Memo = CheckMemo(parse.GetValue(memo)!),
            };
            return sender.SendAsync(parse, _ => new Msg { Transfer = transfer }, sent => new
            {
                tx_hash = sent.Hash,
                from = sent.From,
                to = Display.Address(transfer.To),
                amount = transfer.Amount,
                nonce = sent.Body.Nonce,
                receipt = sent.ReceiptJson,
            }, ct);
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
