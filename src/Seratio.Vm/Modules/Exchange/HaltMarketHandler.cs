using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Exchange;

/// <summary>
/// <see cref="MsgHaltMarket"/>: the authority halts a market (no new orders; open orders may still be cancelled and
/// still expire; a reason of 1..256 UTF-8 bytes is required) or resumes it (the reason is cleared). Permission
/// <see cref="Permission.Authority"/>; gas <see cref="GasCost"/>; emits "exchange.market". Stateless; thread safe.
/// </summary>
public sealed class HaltMarketHandler : IMsgHandler
{
    public const ulong GasCost = 10_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.HaltMarket;
    public string Name => "halt-market";
    public Permission Permission => Permission.Authority;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Check(msg.HaltMarket);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var halt = msg.HaltMarket;
        var check = Check(halt);
        if (!check.IsOk) return check;
        var market = Exchange.GetMarket(new ViewReader(context.State), halt.MarketId);
        if (market is null)
            return MsgResult.Fail(ResultCode.NotFound, $"market {halt.MarketId} does not exist; check the id (ListMarkets)");
        market.Halted = halt.Halted;
        market.HaltReason = halt.Halted ? halt.Reason : "";
        Exchange.PutMarket(context.State, market);
        context.Events.Add(ExchangeEvents.Market(market));
        return MsgResult.Ok;
    }

    private static MsgResult Check(MsgHaltMarket halt)
    {
        if (halt.MarketId == 0) return Fields.Invalid("market_id is required (markets are numbered from 1)");
        if (!halt.Halted)
            return halt.Reason.Length == 0 ? MsgResult.Ok : Fields.Invalid("reason is only for halting; leave it empty to resume a market");
        return Fields.RequireText(halt.Reason, "reason", 1, ExchangeRules.MaxHaltReasonBytes);
    }
}
