using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Altcoins;

/// <summary>
/// <see cref="MsgApproveAsset"/>: the sender sets (replaces, not adds to) the allowance of
/// <c>spender</c> over its units of the asset; "0" clears it. The allowance may exceed the
/// balance (it is a limit, not a reservation). Approving oneself is INVALID_MSG. NOT_FOUND for an
/// unknown symbol. Gas params.gas_transfer. Emits "asset_approval" {symbol, owner, spender, amount}.
/// Stateless; thread safe.
/// </summary>
public sealed class ApproveAssetHandler : IMsgHandler
{
    public const string EventType = "asset_approval";

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.ApproveAsset;
    public string Name => "approve-asset";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => p.GasTransfer;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.ApproveAsset, out _, out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var approve = msg.ApproveAsset;
        var check = Validate(approve, out var spender, out var amount);
        if (!check.IsOk) return check;
        if (spender == context.Sender)
            return Fields.Invalid("spender is the sender; an account needs no allowance over its own units");
        check = AssetMoves.Known(context, approve.Symbol, out _);
        if (!check.IsOk) return check;
        Altcoins.SetAllowance(context.State, approve.Symbol, context.Sender, spender, amount);

        var ev = new Event { Type = EventType };
        AssetMoves.AddAttribute(ev, "symbol", approve.Symbol);
        AssetMoves.AddAttribute(ev, "owner", context.Addresses.Of(context.Sender));
        AssetMoves.AddAttribute(ev, "spender", context.Addresses.Of(spender));
        AssetMoves.AddAttribute(ev, "amount", amount.ToString());
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    private static MsgResult Validate(MsgApproveAsset? approve, out Address spender, out Amount amount)
    {
        spender = default;
        amount = Amount.Zero;
        if (approve is null) return Fields.Invalid("approve-asset message is empty");
        var check = AssetSymbol.Check(approve.Symbol);
        if (!check.IsOk) return check;
        check = Fields.RequireAddress(approve.Spender, "spender", out spender);
        return check.IsOk ? Fields.RequireAmount(approve.Amount, "amount", out amount) : check;
    }
}
