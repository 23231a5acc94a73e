using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Altcoins;

/// <summary>
/// <see cref="MsgSendAssetFrom"/>: a spender moves <c>owner</c>'s units to <c>to</c> within the
/// allowance the owner gave it, which shrinks by the amount (never below 0: LIMIT_EXCEEDED
/// instead). NOT_FOUND for an unknown symbol, INSUFFICIENT_FUNDS above the owner's balance. The
/// "asset_transfer" event carries the spender. Gas params.gas_transfer. Stateless; thread safe.
/// </summary>
public sealed class SendAssetFromHandler : IMsgHandler
{
    public Msg.KindOneofCase Kind => Msg.KindOneofCase.SendAssetFrom;
    public string Name => "send-asset-from";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => p.GasTransfer;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.SendAssetFrom, out _, out _, out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var send = msg.SendAssetFrom;
        var check = Validate(send, out var owner, out var to, out var amount);
        if (!check.IsOk) return check;
        check = AssetMoves.Known(context, send.Symbol, out _);
        if (!check.IsOk) return check;
        var allowance = Altcoins.AllowanceOf(context.State, send.Symbol, owner, context.Sender);
        if (allowance < amount)
            return MsgResult.Fail(ResultCode.LimitExceeded,
                $"{owner} allows the sender {context.Sender} {allowance} {send.Symbol} base units, less than the {amount} to send; the owner raises it with approve");
        check = AssetMoves.Transfer(context, send.Symbol, owner, to, amount, send.Memo, send.Data, context.Sender);
        if (!check.IsOk) return check;
        Altcoins.SetAllowance(context.State, send.Symbol, owner, context.Sender, allowance - amount);
        return MsgResult.Ok;
    }

    private static MsgResult Validate(MsgSendAssetFrom? send, out Address owner, out Address to, out Amount amount)
    {
        owner = default;
        to = default;
        amount = Amount.Zero;
        if (send is null) return Fields.Invalid("send-asset-from message is empty");
        var check = AssetSymbol.Check(send.Symbol);
        if (!check.IsOk) return check;
        check = Fields.RequireAddress(send.Owner, "owner", out owner);
        if (!check.IsOk) return check;
        check = Fields.RequireAddress(send.To, "to", out to);
        if (!check.IsOk) return check;
        check = Fields.RequirePositiveAmount(send.Amount, "amount", out amount);
        return check.IsOk ? AssetMoves.MemoAndData(send.Memo, send.Data) : check;
    }
}
