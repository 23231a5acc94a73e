using Seratio.Core.Addressing;
using Seratio.Core.State;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Exchange;

// SKELETON (lead, 2026-12-03): the read API the node's queries and the CLI code against. The module helper replaces
// every body; the signatures stay (add members freely). Nothing here may remain NotImplementedException on main.

/// <summary>Typed reads of the exchange module's state (docs/modules/exchange.md), shared by handlers, the batch and queries. Stateless; thread safe.</summary>
public static class Exchange
{
    /// <summary>The keyless account whose balances hold what open orders locked (SER and altcoins; microshare lots are held in the orders themselves).</summary>
    public static Address EscrowAddress => throw new NotImplementedException();

    /// <summary>The keyless account fees are paid to (the DAF will control it).</summary>
    public static Address TreasuryAddress => throw new NotImplementedException();

    public static MarketState? GetMarket(IStateReader state, ulong id) => throw new NotImplementedException();

    /// <summary>The last market id handed out (0 = none): markets are 1..LastMarketId.</summary>
    public static ulong LastMarketId(IStateReader state) => throw new NotImplementedException();

    public static OrderState? GetOrder(IStateReader state, ulong id) => throw new NotImplementedException();

    public static ulong LastOrderId(IStateReader state) => throw new NotImplementedException();

    /// <summary>The resting side's aggregated price levels, best first (bids highest first, asks lowest first), at most <paramref name="depth"/>.</summary>
    public static IReadOnlyList<PriceLevel> Levels(IStateReader state, ulong marketId, OrderSide side, int depth) => throw new NotImplementedException();

    /// <summary>Ids of every order <paramref name="owner"/> placed (any market), ascending.</summary>
    public static OrderIdList OrdersOf(Address owner) => throw new NotImplementedException();

    /// <summary>Ids of the orders <paramref name="owner"/> placed in one market, ascending.</summary>
    public static OrderIdList OrdersOf(Address owner, ulong marketId) => throw new NotImplementedException();

    /// <summary>How many open (resting or pending) orders <paramref name="owner"/> has in one market.</summary>
    public static uint OpenOrders(IStateReader state, Address owner, ulong marketId) => throw new NotImplementedException();

    /// <summary>Trade <paramref name="sequence"/> (1 = first) of a market; trades are numbered in height order.</summary>
    public static TradeRecord? GetTrade(IStateReader state, ulong marketId, ulong sequence) => throw new NotImplementedException();

    /// <summary>The events the batches of block <paramref name="height"/> emitted (trades, order updates), in order; empty when none.</summary>
    public static IReadOnlyList<Event> BatchEvents(IStateReader state, ulong height) => throw new NotImplementedException();
}

/// <summary>An append-only list of order ids in state (a count and chunks), read by position. Immutable value.</summary>
public readonly struct OrderIdList
{
    public ulong Count(IStateReader state) => throw new NotImplementedException();

    /// <summary>Up to <paramref name="take"/> ids from position <paramref name="from"/> (0 = oldest).</summary>
    public IReadOnlyList<ulong> Read(IStateReader state, ulong from, int take) => throw new NotImplementedException();
}
