using System.Numerics;

namespace Seratio.Vm.Modules.Exchange.Matching;

/// <summary>
/// An order's working state inside one <see cref="BatchAuction.Clear"/> call: whether it still takes part (a FOK
/// removed between rounds does not) and what the current round fills of it. Mutable; owned by one call, not shared.
/// </summary>
internal sealed class Participant(AuctionOrder order)
{
    public AuctionOrder Order { get; } = order;

    /// <summary>Index of <see cref="AuctionOrder.Price"/> in the batch's ascending price ladder.</summary>
    public int PriceIndex { get; set; }

    public bool Active { get; set; } = true;

    /// <summary>What the latest round fills: 0 or a positive multiple of the lot, at most <see cref="AuctionOrder.Remaining"/>.</summary>
    public BigInteger Fill { get; set; }

    public BigInteger Unfilled => Order.Remaining - Fill;

    public bool IsIncoming => !Order.Resting;
}
