using System.Numerics;
using Seratio.Core.Addressing;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Exchange.Matching;

/// <summary>
/// Self-trade prevention, before the auction. Two incoming orders of one owner that cross each other are both cancelled
/// (neither is older in a way that survives permuting the batch); then every resting order of an owner that crosses one of
/// that owner's surviving incoming orders is cancelled (the resting one is older). After both steps no owner has a buy
/// and a sell that cross, so none can trade with itself at any single price. Holds per-owner bounds of the survivors;
/// its dictionaries are only looked up, never iterated. Mutable while built; owned by one <see cref="BatchAuction.Clear"/> call.
/// </summary>
internal sealed class SelfTradePrevention
{
    private readonly Dictionary<Address, BigInteger> _highestBuy = new();
    private readonly Dictionary<Address, BigInteger> _lowestSell = new();

    /// <summary>
    /// Splits the participating incoming orders (canonical order kept) into survivors and self-trade cancels, and
    /// remembers each owner's highest surviving buy and lowest surviving sell for <see cref="CrossesOwnIncoming"/>.
    /// </summary>
    public static SelfTradePrevention AmongIncoming(IReadOnlyList<AuctionOrder> takers, List<AuctionOrder> survivors, List<AuctionCancel> cancels)
    {
        var all = new SelfTradePrevention();
        foreach (var order in takers) all.Note(order);
        var kept = new SelfTradePrevention();
        foreach (var order in takers)
        {
            var other = all.CrossingBound(order);
            if (other is null)
            {
                survivors.Add(order);
                kept.Note(order);
                continue;
            }
            cancels.Add(new AuctionCancel(order.Id, CancelReason.SelfTrade,
                $"self-trade: the same owner's new {(order.Side == OrderSide.Buy ? "sell at " : "buy at ")}{other} in this batch crosses this order at {order.Price}; both are cancelled"));
        }
        return kept;
    }

    /// <summary>
    /// The price of the owner's surviving incoming order that a resting order crosses (the best such), or null when it
    /// crosses none; a resting order that crosses one is cancelled.
    /// </summary>
    public BigInteger? CrossingOwnIncoming(AuctionOrder resting) => CrossingBound(resting);

    /// <summary>The price of the owner's best-crossing opposite order, or null when none crosses.</summary>
    private BigInteger? CrossingBound(AuctionOrder order)
    {
        if (order.Side == OrderSide.Buy)
            return _lowestSell.TryGetValue(order.Owner, out var sell) && sell <= order.Price ? sell : null;
        return _highestBuy.TryGetValue(order.Owner, out var buy) && buy >= order.Price ? buy : null;
    }

    private void Note(AuctionOrder order)
    {
        if (order.Side == OrderSide.Buy)
        {
            if (!_highestBuy.TryGetValue(order.Owner, out var best) || order.Price > best) _highestBuy[order.Owner] = order.Price;
        }
        else if (!_lowestSell.TryGetValue(order.Owner, out var best) || order.Price < best) _lowestSell[order.Owner] = order.Price;
    }
}
