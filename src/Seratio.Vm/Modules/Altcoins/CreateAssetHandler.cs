using System.Globalization;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Altcoins;

/// <summary>
/// <see cref="MsgCreateAsset"/>: a rewarding body creates an altcoin with a unique symbol
/// (<see cref="AssetSymbol"/>; ALREADY_EXISTS when taken), a name of 1-64 bytes, 0-18 decimals, a
/// maximum supply above 0 and a mint authority. The supply starts at 0. Gas <see cref="GasCost"/>.
/// Emits "asset_created" {symbol, name, decimals, max_supply, mint_authority, creator}.
/// Stateless; thread safe.
/// </summary>
public sealed class CreateAssetHandler : IMsgHandler
{
    public const ulong GasCost = 50_000;
    public const int MaxNameBytes = 64;
    public const uint MaxDecimals = 18;
    public const string EventType = "asset_created";

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.CreateAsset;
    public string Name => "create-asset";
    public Permission Permission => Permission.RewardingBody;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.CreateAsset);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var create = msg.CreateAsset;
        var check = Validate(create);
        if (!check.IsOk) return check;
        if (Altcoins.Get(context.State, create.Symbol) is { } existing)
            return MsgResult.Fail(ResultCode.AlreadyExists,
                $"asset '{create.Symbol}' already exists (created at height {existing.CreatedHeight}); choose another symbol");
        var asset = new AssetState
        {
            Symbol = create.Symbol,
            Name = create.Name,
            Decimals = create.Decimals,
            MaxSupply = create.MaxSupply,
            Supply = "0",
            MintAuthority = create.MintAuthority,
            Creator = context.Sender.ToByteString(),
            CreatedHeight = context.Block.Height,
        };
        Altcoins.Put(context.State, asset);

        var ev = new Event { Type = EventType };
        AssetMoves.AddAttribute(ev, "symbol", create.Symbol);
        AssetMoves.AddAttribute(ev, "name", create.Name);
        AssetMoves.AddAttribute(ev, "decimals", create.Decimals.ToString(CultureInfo.InvariantCulture));
        AssetMoves.AddAttribute(ev, "max_supply", create.MaxSupply);
        AssetMoves.AddAttribute(ev, "mint_authority", context.Addresses.Of(new Core.Addressing.Address(create.MintAuthority.Span)));
        AssetMoves.AddAttribute(ev, "creator", context.Addresses.Of(context.Sender));
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    private static MsgResult Validate(MsgCreateAsset? create)
    {
        if (create is null) return Fields.Invalid("create-asset message is empty");
        var check = AssetSymbol.Check(create.Symbol);
        if (!check.IsOk) return check;
        check = Fields.RequireText(create.Name, "name", 1, MaxNameBytes);
        if (!check.IsOk) return check;
        if (create.Decimals > MaxDecimals) return Fields.Invalid($"decimals {create.Decimals} is above {MaxDecimals}");
        check = Fields.RequirePositiveAmount(create.MaxSupply, "max_supply", out _);
        return check.IsOk ? Fields.RequireAddress(create.MintAuthority, "mint_authority", out _) : check;
    }
}
