using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Altcoins;

/// <summary>
/// <see cref="MsgSendAsset"/>: a holder sends units with a memo (≤ 256 bytes) and optional data
/// (≤ 1024 bytes), both delivered in the "asset_transfer" event only: no code ever runs on
/// receipt (docs/modules/roles-entities-altcoins.md, the ERC827 note). NOT_FOUND for an unknown
/// symbol, INSUFFICIENT_FUNDS above the balance. Gas params.gas_transfer. Stateless; thread safe.
/// </summary>
public sealed class SendAssetHandler : IMsgHandler
{
    public Msg.KindOneofCase Kind => Msg.KindOneofCase.SendAsset;
    public string Name => "send-asset";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => p.GasTransfer;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.SendAsset, out _, out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var send = msg.SendAsset;
        var check = Validate(send, out var to, out var amount);
        if (!check.IsOk) return check;
        check = AssetMoves.Known(context, send.Symbol, out _);
        if (!check.IsOk) return check;
        return AssetMoves.Transfer(context, send.Symbol, context.Sender, to, amount, send.Memo, send.Data, spender: null);
    }

    private static MsgResult Validate(MsgSendAsset? send, out Address to, out Amount amount)
    {
        to = default;
        amount = Amount.Zero;
        if (send is null) return Fields.Invalid("send-asset message is empty");
        var check = AssetSymbol.Check(send.Symbol);
        if (!check.IsOk) return check;
        check = Fields.RequireAddress(send.To, "to", out to);
        if (!check.IsOk) return check;
        check = Fields.RequirePositiveAmount(send.Amount, "amount", out amount);
        return check.IsOk ? AssetMoves.MemoAndData(send.Memo, send.Data) : check;
    }
}
