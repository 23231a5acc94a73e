using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Altcoins;

/// <summary>
/// <see cref="MsgMintAsset"/>: the asset's mint authority credits <c>to</c>. NOT_FOUND for an
/// unknown symbol, UNAUTHORIZED for another sender, LIMIT_EXCEEDED when the supply would pass
/// max_supply. Gas params.gas_transfer. Emits "asset_minted" {symbol, to, amount, supply, minter}.
/// Stateless; thread safe.
/// </summary>
public sealed class MintAssetHandler : IMsgHandler
{
    public const string EventType = "asset_minted";

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.MintAsset;
    public string Name => "mint-asset";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => p.GasTransfer;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.MintAsset, out _, out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var mint = msg.MintAsset;
        var check = Validate(mint, out var to, out var amount);
        if (!check.IsOk) return check;
        check = AssetMoves.Known(context, mint.Symbol, out var asset);
        if (!check.IsOk) return check;
        var authority = new Address(asset.MintAuthority.Span);
        if (authority != context.Sender)
            return MsgResult.Fail(ResultCode.Unauthorized,
                $"the sender {context.Sender} is not the mint authority of '{mint.Symbol}'; only {authority} may mint it");
        var supply = Altcoins.SupplyOf(asset);
        var max = Altcoins.MaxSupplyOf(asset);
        if (!supply.TryAdd(amount, out var next) || next > max)
            return MsgResult.Fail(ResultCode.LimitExceeded,
                $"minting {amount} would raise the supply of '{mint.Symbol}' from {supply} past its max_supply {max}; at most {max - supply} can still be minted");

        asset.Supply = next.ToString();
        Altcoins.Put(context.State, asset);
        Altcoins.SetBalance(context.State, mint.Symbol, to, Altcoins.BalanceOf(context.State, mint.Symbol, to) + amount);

        var ev = new Event { Type = EventType };
        AssetMoves.AddAttribute(ev, "symbol", mint.Symbol);
        AssetMoves.AddAttribute(ev, "to", context.Addresses.Of(to));
        AssetMoves.AddAttribute(ev, "amount", amount.ToString());
        AssetMoves.AddAttribute(ev, "supply", asset.Supply);
        AssetMoves.AddAttribute(ev, "minter", context.Addresses.Of(context.Sender));
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    private static MsgResult Validate(MsgMintAsset? mint, out Address to, out Amount amount)
    {
        to = default;
        amount = Amount.Zero;
        if (mint is null) return Fields.Invalid("mint-asset message is empty");
        var check = AssetSymbol.Check(mint.Symbol);
        if (!check.IsOk) return check;
        check = Fields.RequireAddress(mint.To, "to", out to);
        return check.IsOk ? Fields.RequirePositiveAmount(mint.Amount, "amount", out amount) : check;
    }
}
