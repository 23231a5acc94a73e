using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange.Matching;

namespace Seratio.Vm.Tests.Modules.Exchange.Matching;

/// <summary>
/// Builds one market's batch for the auction tests: resting bids and asks (best first, as the module reads them) and
/// incoming orders of height <see cref="BatchHeight"/>. Ids count up from 1 in the order orders are added; an order's
/// Priority is its id in the first 8 bytes unless given, so time priority within a height follows the ids unless a test
/// says otherwise. Not thread safe.
/// </summary>
internal sealed class AuctionBuilder
{
    public const ulong BatchHeight = 10;
    public const ulong RestingHeight = 5;

    private readonly List<AuctionOrder> _incoming = [];
    private readonly List<AuctionOrder> _bids = [];
    private readonly List<AuctionOrder> _asks = [];
    private ulong _nextId = 1;

    public BigInteger Lot { get; set; } = 1;
    public BigInteger MinOrderValue { get; set; } = 1;
    public BigInteger? LastPrice { get; set; }
    public int MaxRestingReads { get; set; } = 1_000_000;

    public static Address Owner(string name) => new(Hash32.Sha256(Encoding.UTF8.GetBytes("owner/" + name)).ToArray().AsSpan(0, Address.Size));

    public static Hash32 PriorityOf(ulong value)
    {
        var bytes = new byte[Hash32.Size];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return new Hash32(bytes);
    }

    public AuctionOrder Buy(long price, long quantity, string owner = "buyer", TimeInForce tif = TimeInForce.Gtc, ulong? priority = null) =>
        Add(_incoming, OrderSide.Buy, price, quantity, owner, tif, false, BatchHeight, priority);

    public AuctionOrder Sell(long price, long quantity, string owner = "seller", TimeInForce tif = TimeInForce.Gtc, ulong? priority = null) =>
        Add(_incoming, OrderSide.Sell, price, quantity, owner, tif, false, BatchHeight, priority);

    /// <summary>Adds a resting bid; add them best first.</summary>
    public AuctionOrder Bid(long price, long quantity, string owner = "maker", ulong height = RestingHeight, ulong? priority = null) =>
        Add(_bids, OrderSide.Buy, price, quantity, owner, TimeInForce.Gtc, true, height, priority);

    /// <summary>Adds a resting ask; add them best first.</summary>
    public AuctionOrder Ask(long price, long quantity, string owner = "maker", ulong height = RestingHeight, ulong? priority = null) =>
        Add(_asks, OrderSide.Sell, price, quantity, owner, TimeInForce.Gtc, true, height, priority);

    public AuctionInput Input(IEnumerable<AuctionOrder>? bids = null, IEnumerable<AuctionOrder>? asks = null) =>
        new(_incoming.ToList(), bids ?? _bids.ToList(), asks ?? _asks.ToList(), Lot, MinOrderValue, LastPrice, MaxRestingReads);

    public AuctionResult Clear() => BatchAuction.Clear(Input());

    /// <summary>The batch as a case for <see cref="AuctionChecks"/>.</summary>
    public AuctionCase Case(int permutationSeed = 1) =>
        new(_incoming.ToList(), _bids.ToList(), _asks.ToList(), Lot, MinOrderValue, LastPrice, MaxRestingReads, permutationSeed);

    public IReadOnlyList<AuctionOrder> Bids => _bids;
    public IReadOnlyList<AuctionOrder> Asks => _asks;

    private AuctionOrder Add(List<AuctionOrder> list, OrderSide side, long price, long quantity, string owner, TimeInForce tif,
        bool resting, ulong height, ulong? priority)
    {
        ulong id = _nextId++;
        var order = new AuctionOrder(id, Owner(owner), side, price, quantity * Lot, tif, resting, height, PriorityOf(priority ?? id));
        list.Add(order);
        return order;
    }
}

/// <summary>Reads of an <see cref="AuctionResult"/> by order id, for assertions.</summary>
internal static class AuctionResultReads
{
    public static BigInteger FillOf(this AuctionResult result, AuctionOrder order) =>
        result.Fills.SingleOrDefault(f => f.OrderId == order.Id)?.Quantity ?? BigInteger.Zero;

    public static CancelReason? CancelOf(this AuctionResult result, AuctionOrder order) =>
        result.Cancels.SingleOrDefault(c => c.OrderId == order.Id)?.Reason;

    public static AuctionOrder? RestOf(this AuctionResult result, AuctionOrder order) =>
        result.ToRest.SingleOrDefault(o => o.Id == order.Id);
}
