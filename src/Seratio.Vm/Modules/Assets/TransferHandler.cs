using System.Text;
using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Assets;

/// <summary>
/// <see cref="MsgTransfer"/>: moves SER from the sender to <c>to</c>. Rules: denom "SER",
/// amount canonical and above 0, <c>to</c> 20 bytes, memo at most <see cref="MaxMemoBytes"/>
/// UTF-8 bytes, sender balance (after the fee) at least the amount. A transfer to oneself is
/// allowed and changes no balance. Emits "transfer" {sender, recipient, amount, denom, memo}.
/// Stateless; thread safe.
/// </summary>
public sealed class TransferHandler : IMsgHandler
{
    public const int MaxMemoBytes = 256;
    public const string EventType = "transfer";

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.Transfer;
    public string Name => "transfer";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => p.GasTransfer;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.Transfer, out _);

    public Amount MaxSerSpend(Msg msg)
    {
        var transfer = msg.Transfer;
        if (transfer is null || transfer.Denom != Ser.Symbol) return Amount.Zero;
        return Amount.TryParse(transfer.Amount, out var amount, out _) ? amount : Amount.Zero;
    }

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var transfer = msg.Transfer;
        var check = Validate(transfer, out var amount);
        if (!check.IsOk) return check;

        var recipient = new Address(transfer.To.Span);
        var state = context.State;
        var sender = state.GetAccount(context.Sender);
        if (sender.Balance < amount)
            return MsgResult.Fail(ResultCode.InsufficientFunds,
                $"balance {sender.Balance} is below the transfer amount {amount} (SER base units, after the fee)");

        if (recipient != context.Sender)
        {
            state.SetAccount(context.Sender, sender.WithBalance(sender.Balance - amount));
            var receiver = state.GetAccount(recipient);
            state.SetAccount(recipient, receiver.WithBalance(receiver.Balance + amount));
        }

        var ev = new Event { Type = EventType };
        ev.Attributes.Add(new EventAttribute { Key = "sender", Value = context.Addresses.Of(context.Sender) });
        ev.Attributes.Add(new EventAttribute { Key = "recipient", Value = context.Addresses.Of(recipient) });
        ev.Attributes.Add(new EventAttribute { Key = "amount", Value = transfer.Amount });
        ev.Attributes.Add(new EventAttribute { Key = "denom", Value = transfer.Denom });
        ev.Attributes.Add(new EventAttribute { Key = "memo", Value = transfer.Memo });
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    private static MsgResult Validate(MsgTransfer? transfer, out Amount amount)
    {
        amount = Amount.Zero;
        if (transfer is null)
            return MsgResult.Fail(ResultCode.InvalidMsg, "transfer message is empty");
        if (transfer.Denom != Ser.Symbol)
            return MsgResult.Fail(ResultCode.InvalidMsg,
                $"denom '{Printable(transfer.Denom)}' is unknown; only '{Ser.Symbol}' can be transferred");
        if (!Amount.TryParse(transfer.Amount, out amount, out var error))
            return MsgResult.Fail(ResultCode.InvalidMsg, error);
        if (amount.IsZero)
            return MsgResult.Fail(ResultCode.InvalidMsg, "amount is 0; a transfer must move at least 1 base unit");
        if (transfer.To.Length != Address.Size)
            return MsgResult.Fail(ResultCode.InvalidMsg,
                $"recipient 'to' must be a {Address.Size}-byte address, got {transfer.To.Length} bytes");
        if (transfer.Memo.Length > MaxMemoBytes / 3 && Encoding.UTF8.GetByteCount(transfer.Memo) > MaxMemoBytes)
            return MsgResult.Fail(ResultCode.InvalidMsg,
                $"memo is {Encoding.UTF8.GetByteCount(transfer.Memo)} UTF-8 bytes; the limit is {MaxMemoBytes}");
        return MsgResult.Ok;
    }

    private static string Printable(string s) => s.Length <= 32 ? s : s[..32] + "…";
}
