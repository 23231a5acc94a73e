using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Altcoins;

/// <summary>
/// <see cref="MsgBurnAsset"/>: a holder destroys some of its own units; the supply drops by as
/// much (the cap does not: burned units may be minted again). NOT_FOUND for an unknown symbol,
/// INSUFFICIENT_FUNDS above the balance. Gas params.gas_transfer. Emits "asset_burned"
/// {symbol, holder, amount, supply}. Stateless; thread safe.
/// </summary>
public sealed class BurnAssetHandler : IMsgHandler
{
    public const string EventType = "asset_burned";

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.BurnAsset;
    public string Name => "burn-asset";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => p.GasTransfer;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.BurnAsset, out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var burn = msg.BurnAsset;
        var check = Validate(burn, out var amount);
        if (!check.IsOk) return check;
        check = AssetMoves.Known(context, burn.Symbol, out var asset);
        if (!check.IsOk) return check;
        var balance = Altcoins.BalanceOf(context.State, burn.Symbol, context.Sender);
        if (balance < amount)
            return MsgResult.Fail(ResultCode.InsufficientFunds,
                $"{context.Sender} holds {balance} {burn.Symbol} base units, less than the {amount} to burn");

        // The supply is the sum of balances, so it is at least this balance.
        asset.Supply = (Altcoins.SupplyOf(asset) - amount).ToString();
        Altcoins.Put(context.State, asset);
        Altcoins.SetBalance(context.State, burn.Symbol, context.Sender, balance - amount);

        var ev = new Event { Type = EventType };
        AssetMoves.AddAttribute(ev, "symbol", burn.Symbol);
        AssetMoves.AddAttribute(ev, "holder", context.Addresses.Of(context.Sender));
        AssetMoves.AddAttribute(ev, "amount", amount.ToString());
        AssetMoves.AddAttribute(ev, "supply", asset.Supply);
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    private static MsgResult Validate(MsgBurnAsset? burn, out Amount amount)
    {
        amount = Amount.Zero;
        if (burn is null) return Fields.Invalid("burn-asset message is empty");
        var check = AssetSymbol.Check(burn.Symbol);
        return check.IsOk ? Fields.RequirePositiveAmount(burn.Amount, "amount", out amount) : check;
    }
}
