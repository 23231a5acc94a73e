using System.Numerics;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Exchange.Matching;

/// <summary>
/// One order as a batch auction sees it. <see cref="Remaining"/> is what may still fill (a positive multiple of the
/// lot). Time priority is <see cref="Height"/>, then <see cref="Priority"/> (unsigned bytewise), then <see cref="Id"/>:
/// never the order of transactions in a block. Immutable.
/// </summary>
public sealed record AuctionOrder(
    ulong Id,
    Address Owner,
    OrderSide Side,
    BigInteger Price,
    BigInteger Remaining,
    TimeInForce TimeInForce,
    bool Resting,
    ulong Height,
    Hash32 Priority);

/// <summary>
/// What one market's batch is given: the block's new orders (in any order: the auction sorts them itself) and the
/// resting book, read lazily best first (bids highest price first, asks lowest first; within a price in time priority),
/// so the auction reads only as deep as the new orders reach. <see cref="MaxRestingReads"/> is the matching work budget
/// left in the block: resting orders read, and the participants of every extra FOK round (<see cref="AuctionResult.Work"/>).
/// Immutable.
/// </summary>
public sealed record AuctionInput(
    IReadOnlyList<AuctionOrder> Incoming,
    IEnumerable<AuctionOrder> RestingBids,
    IEnumerable<AuctionOrder> RestingAsks,
    BigInteger LotSize,
    BigInteger MinOrderValue,
    BigInteger? LastPrice,
    int MaxRestingReads);

/// <summary>An order's total fill in the batch (quantity &gt; 0), all at the clearing price.</summary>
public sealed record AuctionFill(ulong OrderId, BigInteger Quantity);

/// <summary>One buy-sell pair of the batch at the clearing price, in the batch's trade order.</summary>
public sealed record AuctionTrade(ulong BuyOrderId, ulong SellOrderId, BigInteger Quantity);

/// <summary>An order (new or resting) the batch cancels, with what of it was not filled and why.</summary>
public sealed record AuctionCancel(ulong OrderId, CancelReason Reason, string Detail);

/// <summary>
/// The outcome of one market's batch: the clearing price (null when nothing traded), the fills per order, the trades,
/// the cancels, and the new orders that rest afterwards (with their remaining quantity, in time priority), and how many
/// resting orders it read. Resting orders that are neither filled wholly nor cancelled stay as they were, less their fill.
/// Fills are in ascending order id; trades in pairing order; cancels in the order the batch decided them.
/// </summary>
public sealed record AuctionResult(
    BigInteger? ClearingPrice,
    IReadOnlyList<AuctionFill> Fills,
    IReadOnlyList<AuctionTrade> Trades,
    IReadOnlyList<AuctionCancel> Cancels,
    IReadOnlyList<AuctionOrder> ToRest,
    int RestingRead)
{
    /// <summary>How many clearing rounds ran: 1, plus one per FOK removal.</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>
    /// The matching work to charge to the block's budget: the resting orders read, plus the active participants of every
    /// round after the first. At most <see cref="AuctionInput.MaxRestingReads"/> plus one round's participants: when the
    /// budget cannot pay for another FOK round, the FOK orders still in play are cancelled MATCH_LIMIT instead.
    /// </summary>
    public long Work { get; init; }
}
