using System.Globalization;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Exchange;

/// <summary>
/// <see cref="MsgCreateMarket"/>: the authority lists a market (base, quote) with tick, lot, minimum order value and
/// fees. The base is SER, an existing altcoin or "ms:&lt;class id&gt;" of an existing microshare class; the quote is SER or
/// an existing altcoin, not the base. Fees: maker 0..1000 bps, taker 1..1000 bps; the smallest fill (tick × lot) must
/// leave its seller at least 1 after the higher fee. The id is the market counter plus one. Permission
/// <see cref="Permission.Authority"/>; gas <see cref="GasCost"/>; emits "exchange.market". Stateless; thread safe.
/// </summary>
public sealed class CreateMarketHandler : IMsgHandler
{
    public const ulong GasCost = 20_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.CreateMarket;
    public string Name => "create-market";
    public Permission Permission => Permission.Authority;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Check(msg.CreateMarket, out _, out _, out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var create = msg.CreateMarket;
        var check = Check(create, out var tick, out var lot, out var minValue);
        if (!check.IsOk) return check;
        var state = context.State;
        check = AssetExists(state, create.Base, "base");
        if (!check.IsOk) return check;
        check = AssetExists(state, create.Quote, "quote");
        if (!check.IsOk) return check;

        var reader = new ViewReader(state);
        ulong last = Exchange.LastMarketId(reader);
        if (last == ulong.MaxValue) return MsgResult.Fail(ResultCode.LimitExceeded, "market ids are exhausted");
        var market = new MarketState
        {
            Id = last + 1,
            Base = create.Base,
            Quote = create.Quote,
            TickSize = tick.ToString(),
            LotSize = lot.ToString(),
            MinOrderValue = minValue.ToString(),
            MakerFeeBps = create.MakerFeeBps,
            TakerFeeBps = create.TakerFeeBps,
            CreatedHeight = context.Block.Height,
            LastPrice = "",
            VolumeBase = "0",
            VolumeQuote = "0",
        };
        Exchange.SetLastMarketId(state, market.Id);
        Exchange.PutMarket(state, market);
        context.Events.Add(ExchangeEvents.Market(market));
        return MsgResult.Ok;
    }

    private static MsgResult Check(MsgCreateMarket create, out Amount tick, out Amount lot, out Amount minValue)
    {
        lot = minValue = default;
        var check = Fields.RequirePositiveAmount(create.TickSize, "tick_size", out tick);
        if (!check.IsOk) return check;
        check = Fields.RequirePositiveAmount(create.LotSize, "lot_size", out lot);
        if (!check.IsOk) return check;
        check = Fields.RequirePositiveAmount(create.MinOrderValue, "min_order_value", out minValue);
        if (!check.IsOk) return check;
        if (create.Base.Length == 0) return Fields.Invalid("base is required: \"SER\", an altcoin symbol or \"ms:<class id>\"");
        if (create.Quote.Length == 0) return Fields.Invalid("quote is required: \"SER\" or an altcoin symbol");
        if (create.Base == create.Quote) return Fields.Invalid($"base and quote are both '{Fields.Printable(create.Base)}'; a market trades two different assets");
        if (create.Quote.StartsWith(Exchange.MicrosharePrefix, StringComparison.Ordinal))
            return Fields.Invalid($"quote '{Fields.Printable(create.Quote)}' is a microshare class; fees are paid in the quote, which must be SER or an altcoin");
        if (create.Base.StartsWith(Exchange.MicrosharePrefix, StringComparison.Ordinal) && !Exchange.IsMicroshare(create.Base, out _))
            return Fields.Invalid($"base '{Fields.Printable(create.Base)}' is not \"ms:<class id>\" with a canonical class id above 0");
        if (create.MakerFeeBps > ExchangeRules.MaxFeeBps)
            return Fields.Invalid($"maker_fee_bps is {create.MakerFeeBps}; it must be 0..{ExchangeRules.MaxFeeBps}");
        if (create.TakerFeeBps is < 1 or > ExchangeRules.MaxFeeBps)
            return Fields.Invalid($"taker_fee_bps is {create.TakerFeeBps}; it must be 1..{ExchangeRules.MaxFeeBps}, so that every trade pays a fee");
        var proceeds = ExchangeRules.SmallestFillProceeds(ExchangeRules.Big(tick), ExchangeRules.Big(lot), create.MakerFeeBps, create.TakerFeeBps);
        if (proceeds < 1)
            return Fields.Invalid(string.Create(CultureInfo.InvariantCulture,
                $"the smallest fill, tick {tick} × lot {lot}, would leave its seller {proceeds} after a fee of {Math.Max(create.MakerFeeBps, create.TakerFeeBps)} bps; raise tick_size or lot_size (or lower the fees) so it leaves at least 1"));
        return MsgResult.Ok;
    }

    private static MsgResult AssetExists(State.IStateView state, string asset, string field)
    {
        if (asset == Ser.Symbol) return MsgResult.Ok;
        if (Exchange.IsMicroshare(asset, out ulong classId))
            return Microshares.Microshares.GetClass(state, classId) is null
                ? MsgResult.Fail(ResultCode.NotFound, $"{field} names microshare class {classId}, which does not exist; check the id (GetMicroshareClass)")
                : MsgResult.Ok;
        return Altcoins.Altcoins.Get(state, asset) is null
            ? MsgResult.Fail(ResultCode.NotFound, $"{field} asset '{Fields.Printable(asset)}' does not exist; check the symbol (GetAsset) or create it first")
            : MsgResult.Ok;
    }
}
