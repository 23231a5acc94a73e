using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Exchange;

/// <summary>
/// The state keys of the exchange module (docs/modules/exchange.md, "Key layouts"). Integers are big-endian; a side is
/// one byte (1 buy, 2 sell); a price inside a key is its 16-byte big-endian value, so keys of one level never collide.
/// Stateless; thread safe.
/// </summary>
public static class ExchangeKeys
{
    /// <summary>The prefixes this module may take.</summary>
    public static readonly PrefixRange Range = new(0x70, 0x7F);

    /// <summary>A <c>MarketState</c> (key: market id, 8 bytes).</summary>
    public const byte MarketPrefix = 0x70;

    /// <summary>The last market id handed out (one fixed key; value 8 bytes).</summary>
    public const byte MarketCounterPrefix = 0x71;

    /// <summary>An <c>OrderState</c> (key: order id, 8 bytes).</summary>
    public const byte OrderPrefix = 0x72;

    /// <summary>The last order id handed out (one fixed key; value 8 bytes).</summary>
    public const byte OrderCounterPrefix = 0x73;

    /// <summary>A market side's <c>BookSideState</c>, its directory of price chunks (key: market id, side).</summary>
    public const byte BookSidePrefix = 0x74;

    /// <summary>A <c>PriceChunk</c> of a side's sorted prices (key: market id, side, chunk number 8 bytes).</summary>
    public const byte PriceChunkPrefix = 0x75;

    /// <summary>A <c>PriceLevelState</c> (key: market id, side, price 16 bytes).</summary>
    public const byte LevelPrefix = 0x76;

    /// <summary>An <c>OrderIdChunk</c> of a level's FIFO queue (key: market id, side, price 16 bytes, chunk number 8 bytes).</summary>
    public const byte LevelChunkPrefix = 0x77;

    /// <summary>
    /// Order id lists (count: value 8 bytes; chunk: <c>OrderIdChunk</c> of 64 ids). Key: kind byte, then the kind's owner,
    /// then for a chunk its number. Kinds: 1 by owner (address), 2 by owner and market (address, market id), 3 the microshare
    /// sells holding a lot of a certificate (certificate id; closed ones stay listed until the last closes, then the list is deleted).
    /// </summary>
    public const byte OrderListPrefix = 0x78;

    /// <summary>How many open (pending or resting) orders an account has in a market (key: address, market id; value 4 bytes).</summary>
    public const byte OpenCountPrefix = 0x79;

    /// <summary>
    /// The good-till-height orders expiring after a height, an append-only id list (<see cref="Exchange.Expiring"/>): count
    /// under the expire height (8 bytes; value 8 bytes), <c>OrderIdChunk</c>s of 64 under the height and the chunk number
    /// (8 bytes). Orders cancelled or filled before stay listed and are skipped; the batch deletes the list as it expires it.
    /// </summary>
    public const byte ExpiryPrefix = 0x7A;

    /// <summary>How many open microshare sells hold a lot of a certificate (key: certificate id; value 4 bytes; absent = none). Their ids: the order list of kind 3.</summary>
    public const byte CertificateOrdersPrefix = 0x7B;

    /// <summary>A <c>TradeRecord</c> (key: market id, sequence).</summary>
    public const byte TradePrefix = 0x7C;

    /// <summary>The <c>BatchEvents</c> of a block's batches (key: height).</summary>
    public const byte BatchEventsPrefix = 0x7D;

    /// <summary>
    /// Transient, deleted again by the block's batch (no residue in any state root): kind byte then owner. Kinds:
    /// 1 a market's pending orders (market id; a <see cref="TransientList"/> of 8-byte ids: count 4 bytes, chunks of 64
    /// under the key plus a 4-byte chunk number), 2 the markets with pending orders (none; <c>OrderIdChunk</c> of market
    /// ids), 3 an account's placements and cancels (address; 4 bytes), 4 the accounts that acted (none; a
    /// <see cref="TransientList"/> of 20-byte addresses), 5 the block's placements (none; 4 bytes).
    /// </summary>
    public const byte TransientPrefix = 0x7E;

    /// <summary>The certificates whose lots open microshare sells hold (one fixed key; value <c>OrderIdChunk</c> of certificate ids, ascending).</summary>
    public const byte ActiveCertificatesPrefix = 0x7F;

    internal const byte ListByOwner = 1;
    internal const byte ListByOwnerMarket = 2;
    internal const byte ListByCertificate = 3;
    internal const byte TransientPending = 1;
    internal const byte TransientMarkets = 2;
    internal const byte TransientActions = 3;
    internal const byte TransientActors = 4;
    internal const byte TransientPlacements = 5;

    public static Hash32 Market(ulong id) => StateKey.Id(MarketPrefix, id);

    public static Hash32 MarketCounter() => StateKey.Fixed(MarketCounterPrefix);

    public static Hash32 Order(ulong id) => StateKey.Id(OrderPrefix, id);

    public static Hash32 OrderCounter() => StateKey.Fixed(OrderCounterPrefix);

    public static Hash32 BookSide(ulong marketId, OrderSide side) =>
        new StateKey.Builder(BookSidePrefix, stackalloc byte[1 + 8 + 1]).UInt64(marketId).Byte(SideByte(side)).Build();

    public static Hash32 PriceChunk(ulong marketId, OrderSide side, ulong chunk) =>
        new StateKey.Builder(PriceChunkPrefix, stackalloc byte[1 + 8 + 1 + 8]).UInt64(marketId).Byte(SideByte(side)).UInt64(chunk).Build();

    public static Hash32 Level(ulong marketId, OrderSide side, UInt128 price) =>
        new StateKey.Builder(LevelPrefix, stackalloc byte[1 + 8 + 1 + 16]).UInt64(marketId).Byte(SideByte(side))
            .UInt64((ulong)(price >> 64)).UInt64((ulong)price).Build();

    public static Hash32 LevelChunk(ulong marketId, OrderSide side, UInt128 price, ulong chunk) =>
        new StateKey.Builder(LevelChunkPrefix, stackalloc byte[1 + 8 + 1 + 16 + 8]).UInt64(marketId).Byte(SideByte(side))
            .UInt64((ulong)(price >> 64)).UInt64((ulong)price).UInt64(chunk).Build();

    /// <summary>The count key of an order list: prefix || kind || owner.</summary>
    public static Hash32 ListCount(byte prefix, ReadOnlySpan<byte> owner) =>
        new StateKey.Builder(prefix, stackalloc byte[1 + owner.Length]).Bytes(owner, "list owner").Build();

    public static Hash32 ListChunk(byte prefix, ReadOnlySpan<byte> owner, ulong chunk) =>
        new StateKey.Builder(prefix, stackalloc byte[1 + owner.Length + 8]).Bytes(owner, "list owner").UInt64(chunk).Build();

    public static Hash32 ListCount(ReadOnlySpan<byte> kindAndOwner) =>
        new StateKey.Builder(OrderListPrefix, stackalloc byte[1 + kindAndOwner.Length]).Bytes(kindAndOwner, "list owner").Build();

    /// <summary>The key of chunk <paramref name="chunk"/> of an order list: prefix || kind || owner || chunk.</summary>
    public static Hash32 ListChunk(ReadOnlySpan<byte> kindAndOwner, ulong chunk) =>
        new StateKey.Builder(OrderListPrefix, stackalloc byte[1 + kindAndOwner.Length + 8]).Bytes(kindAndOwner, "list owner").UInt64(chunk).Build();

    public static Hash32 OpenCount(Address owner, ulong marketId) =>
        new StateKey.Builder(OpenCountPrefix, stackalloc byte[1 + Address.Size + 8]).Address(owner).UInt64(marketId).Build();

    /// <summary>The count key of the orders expiring after <paramref name="height"/> (<see cref="Exchange.Expiring"/>).</summary>
    public static Hash32 Expiry(ulong height) => StateKey.Id(ExpiryPrefix, height);

    public static Hash32 CertificateOrders(ulong certificateId) => StateKey.Id(CertificateOrdersPrefix, certificateId);

    public static Hash32 ActiveCertificates() => StateKey.Fixed(ActiveCertificatesPrefix);

    public static Hash32 Trade(ulong marketId, ulong sequence) =>
        new StateKey.Builder(TradePrefix, stackalloc byte[1 + 8 + 8]).UInt64(marketId).UInt64(sequence).Build();

    public static Hash32 BatchEvents(ulong height) => StateKey.Id(BatchEventsPrefix, height);

    /// <summary>The count key of a transient list: prefix || kind || owner (its chunks: <see cref="TransientChunk"/>).</summary>
    public static Hash32 Transient(byte kind, ReadOnlySpan<byte> owner) =>
        new StateKey.Builder(TransientPrefix, stackalloc byte[1 + 1 + owner.Length]).Byte(kind).Bytes(owner, "transient owner").Build();

    /// <summary>Chunk <paramref name="chunk"/> of a transient list: prefix || kind || owner || chunk (4 bytes).</summary>
    public static Hash32 TransientChunk(byte kind, ReadOnlySpan<byte> owner, uint chunk) =>
        new StateKey.Builder(TransientPrefix, stackalloc byte[1 + 1 + owner.Length + 4]).Byte(kind).Bytes(owner, "transient owner").UInt32(chunk).Build();

    /// <summary>The count key of a market's pending orders of this block (<see cref="TransientList.Pending"/>).</summary>
    public static Hash32 Pending(ulong marketId) => Transient(TransientPending, U64(marketId));

    internal static byte[] U64(ulong value) => StateValues.U64(value);

    public static Hash32 PendingMarkets() => new StateKey.Builder(TransientPrefix, stackalloc byte[2]).Byte(TransientMarkets).Build();

    public static Hash32 Actions(Address owner) =>
        new StateKey.Builder(TransientPrefix, stackalloc byte[1 + 1 + Address.Size]).Byte(TransientActions).Address(owner).Build();

    /// <summary>The count key of the block's actors (<see cref="TransientList.Actors"/>).</summary>
    public static Hash32 Actors() => Transient(TransientActors, []);

    public static Hash32 Placements() => new StateKey.Builder(TransientPrefix, stackalloc byte[2]).Byte(TransientPlacements).Build();

    /// <summary>The side's byte in keys: 1 buy, 2 sell.</summary>
    public static byte SideByte(OrderSide side) => side switch
    {
        OrderSide.Buy => 1,
        OrderSide.Sell => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "an order side is buy or sell"),
    };
}
