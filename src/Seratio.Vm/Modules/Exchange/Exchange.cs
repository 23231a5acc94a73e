using System.Buffers.Binary;
using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Exchange;

/// <summary>
/// Typed reads and writes of the exchange module's state (docs/modules/exchange.md), shared by handlers, the batch and
/// queries: markets and orders with their counters, the book's levels (<see cref="OrderBook"/>), the order lists, open
/// counts, trades and batch events. A stored value that does not decode is a broken state invariant and throws.
/// Stateless; thread safe.
/// </summary>
public static class Exchange
{
    private static readonly Address Escrow = KeylessAddress.Of(Domains.ExchangeEscrow);

    /// <summary>The keyless account whose balances hold what open orders locked (SER and altcoins; microshare lots are held in the orders themselves).</summary>
    public static Address EscrowAddress => Escrow;

    /// <summary>The account fees are paid to: the DAF's treasury (<see cref="Daf.Daf.Address"/>).</summary>
    public static Address TreasuryAddress => Daf.Daf.Address;

    public static MarketState? GetMarket(IStateReader state, ulong id) =>
        Decode(Reader(state).Get(ExchangeKeys.Market(id)), MarketState.Parser, "market");

    /// <summary>The last market id handed out (0 = none): markets are 1..LastMarketId.</summary>
    public static ulong LastMarketId(IStateReader state) => DecodeU64(Reader(state).Get(ExchangeKeys.MarketCounter()), "market counter");

    public static OrderState? GetOrder(IStateReader state, ulong id) =>
        Decode(Reader(state).Get(ExchangeKeys.Order(id)), OrderState.Parser, "order");

    public static ulong LastOrderId(IStateReader state) => DecodeU64(Reader(state).Get(ExchangeKeys.OrderCounter()), "order counter");

    /// <summary>The resting side's aggregated price levels, best first (bids highest first, asks lowest first), at most <paramref name="depth"/>.</summary>
    public static IReadOnlyList<PriceLevel> Levels(IStateReader state, ulong marketId, OrderSide side, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        var levels = new List<PriceLevel>(Math.Min(depth, 64));
        if (depth == 0) return levels;
        foreach (var level in OrderBook.LevelsBestFirst(Reader(state), marketId, side))
        {
            levels.Add(new PriceLevel { Price = level.Price, Quantity = level.Quantity, Orders = level.Orders });
            if (levels.Count == depth) break;
        }
        return levels;
    }

    /// <summary>Ids of every order <paramref name="owner"/> placed (any market), ascending.</summary>
    public static OrderIdList OrdersOf(Address owner)
    {
        var key = new byte[1 + Address.Size];
        key[0] = ExchangeKeys.ListByOwner;
        owner.CopyTo(key.AsSpan(1));
        return new OrderIdList(key);
    }

    /// <summary>
    /// Ids of the microshare sells that locked a lot of <paramref name="certificateId"/> while any of them is open, ascending;
    /// closed ones stay listed until the last closes, when the list is deleted (<see cref="CertificateIndex"/>).
    /// </summary>
    internal static OrderIdList OrdersHolding(ulong certificateId)
    {
        var key = new byte[1 + sizeof(ulong)];
        key[0] = ExchangeKeys.ListByCertificate;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1), certificateId);
        return new OrderIdList(key);
    }

    /// <summary>The good-till-height orders whose expire_height is <paramref name="expireHeight"/>, ascending (closed ones stay listed).</summary>
    internal static OrderIdList Expiring(ulong expireHeight) => new(ExchangeKeys.ExpiryPrefix, ExchangeKeys.U64(expireHeight));

    /// <summary>Ids of the orders <paramref name="owner"/> placed in one market, ascending.</summary>
    public static OrderIdList OrdersOf(Address owner, ulong marketId)
    {
        var key = new byte[1 + Address.Size + sizeof(ulong)];
        key[0] = ExchangeKeys.ListByOwnerMarket;
        owner.CopyTo(key.AsSpan(1));
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1 + Address.Size), marketId);
        return new OrderIdList(key);
    }

    /// <summary>How many open (resting or pending) orders <paramref name="owner"/> has in one market.</summary>
    public static uint OpenOrders(IStateReader state, Address owner, ulong marketId)
    {
        var value = Reader(state).Get(ExchangeKeys.OpenCount(owner, marketId));
        if (value is null) return 0;
        if (value.Length != sizeof(uint)) throw new InvalidDataException("state holds an exchange open-order count that is not 4 bytes");
        return BinaryPrimitives.ReadUInt32BigEndian(value);
    }

    /// <summary>Trade <paramref name="sequence"/> (1 = first) of a market; trades are numbered in height order.</summary>
    public static TradeRecord? GetTrade(IStateReader state, ulong marketId, ulong sequence) =>
        Decode(Reader(state).Get(ExchangeKeys.Trade(marketId, sequence)), TradeRecord.Parser, "trade");

    /// <summary>The events the batches of block <paramref name="height"/> emitted (trades, order updates), in order; empty when none.</summary>
    public static IReadOnlyList<Event> BatchEvents(IStateReader state, ulong height)
    {
        var events = Decode(Reader(state).Get(ExchangeKeys.BatchEvents(height)), Protocol.BatchEvents.Parser, "batch events");
        return events is null ? [] : [.. events.Events];
    }

    /// <summary>The market's asset names as stored: "SER", an altcoin symbol or "ms:&lt;class id&gt;".</summary>
    public static bool IsMicroshare(string asset, out ulong classId)
    {
        classId = 0;
        return asset.StartsWith(MicrosharePrefix, StringComparison.Ordinal)
               && ulong.TryParse(asset.AsSpan(MicrosharePrefix.Length), System.Globalization.NumberStyles.None,
                   System.Globalization.CultureInfo.InvariantCulture, out classId)
               && classId != 0 && asset == MicrosharePrefix + classId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The prefix of a microshare class's asset name.</summary>
    public const string MicrosharePrefix = "ms:";

    /// <summary>Parses an amount read from state; throws when state holds a non-canonical one.</summary>
    public static Amount Stored(string text, string what) =>
        Amount.TryParse(text, out var amount, out var error) ? amount : throw new InvalidDataException($"state holds an exchange {what} that is invalid: {error}");

    /// <summary>An empty stored amount ("" before the first trade) is 0.</summary>
    public static Amount StoredOrZero(string text, string what) => text.Length == 0 ? Amount.Zero : Stored(text, what);

    internal static void PutMarket(IStateView state, MarketState market) => state.Set(ExchangeKeys.Market(market.Id), market.ToByteArray());

    internal static void SetLastMarketId(IStateView state, ulong id) => state.Set(ExchangeKeys.MarketCounter(), EncodeU64(id));

    internal static void PutOrder(IStateView state, OrderState order) => state.Set(ExchangeKeys.Order(order.Id), order.ToByteArray());

    internal static void SetLastOrderId(IStateView state, ulong id) => state.Set(ExchangeKeys.OrderCounter(), EncodeU64(id));

    internal static void PutTrade(IStateView state, TradeRecord trade) => state.Set(ExchangeKeys.Trade(trade.MarketId, trade.Sequence), trade.ToByteArray());

    internal static void PutBatchEvents(IStateView state, ulong height, Protocol.BatchEvents events) =>
        state.Set(ExchangeKeys.BatchEvents(height), events.Events.Count == 0 ? null : events.ToByteArray());

    /// <summary>Adds <paramref name="delta"/> (+1 or −1) to an account's open-order count in a market; 0 deletes the key.</summary>
    internal static void AddOpenOrders(IStateView state, Address owner, ulong marketId, int delta)
    {
        long next = (long)OpenOrders(new ViewReader(state), owner, marketId) + delta;
        if (next < 0) throw new InvalidOperationException($"the open-order count of {owner} in market {marketId} would fall below 0");
        state.Set(ExchangeKeys.OpenCount(owner, marketId), next == 0 ? null : EncodeU32((uint)next));
    }

    /// <summary>The reader, checked at the public boundary.</summary>
    private static IStateReader Reader(IStateReader state) => state ?? throw new ArgumentNullException(nameof(state));

    internal static byte[] EncodeU64(ulong value) => StateValues.U64(value);

    internal static byte[] EncodeU32(uint value) => StateValues.U32(value);

    internal static ulong DecodeU64(byte[]? value, string what) => StateValues.ReadU64(value, $"an exchange {what}");

    internal static uint DecodeU32(byte[]? value, string what) => StateValues.ReadU32(value, $"an exchange {what}");

    internal static T? Decode<T>(byte[]? bytes, MessageParser<T> parser, string what) where T : class, IMessage<T> =>
        StateValues.Decode(bytes, parser, $"an exchange {what}");

}

/// <summary>An append-only list of order ids in state (a count and chunks of 64), read by position. Immutable value; thread safe.</summary>
public readonly struct OrderIdList
{
    /// <summary>Ids per chunk.</summary>
    public const int ChunkSize = 64;

    private readonly byte _prefix;
    private readonly byte[] _owner;

    internal OrderIdList(byte[] kindAndOwner) : this(ExchangeKeys.OrderListPrefix, kindAndOwner)
    {
    }

    internal OrderIdList(byte prefix, byte[] owner)
    {
        _prefix = prefix;
        _owner = owner;
    }

    public ulong Count(IStateReader state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Exchange.DecodeU64(state.Get(ExchangeKeys.ListCount(_prefix, _owner)), "order list count");
    }

    /// <summary>Up to <paramref name="take"/> ids from position <paramref name="from"/> (0 = oldest).</summary>
    public IReadOnlyList<ulong> Read(IStateReader state, ulong from, int take)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        ulong count = Count(state);
        var ids = new List<ulong>(Math.Min(take, ChunkSize));
        ulong at = from;
        while (ids.Count < take && at < count)
        {
            var chunk = ReadChunk(state, at / ChunkSize);
            int i = (int)(at % ChunkSize);
            if (i >= chunk.OrderIds.Count) throw new InvalidDataException("an exchange order list chunk holds fewer ids than its count says");
            for (; i < chunk.OrderIds.Count && ids.Count < take; i++, at++) ids.Add(chunk.OrderIds[i]);
        }
        return ids;
    }

    /// <summary>Appends <paramref name="id"/> (larger than every id listed): one chunk and the count are rewritten.</summary>
    internal void Append(IStateView view, ulong id)
    {
        var state = new ViewReader(view);
        ulong count = Count(state);
        ulong chunkNo = count / ChunkSize;
        var chunk = count % ChunkSize != 0 ? ReadChunk(state, chunkNo) : new OrderIdChunk();
        chunk.OrderIds.Add(id);
        view.Set(ExchangeKeys.ListChunk(_prefix, _owner, chunkNo), chunk.ToByteArray());
        view.Set(ExchangeKeys.ListCount(_prefix, _owner), Exchange.EncodeU64(checked(count + 1)));
    }

    /// <summary>Deletes the count and every chunk (each chunk once, so the cost is paid back by the appends that made it).</summary>
    internal void Delete(IStateView view)
    {
        ulong count = Count(new ViewReader(view));
        for (ulong chunk = 0; chunk * ChunkSize < count; chunk++) view.Set(ExchangeKeys.ListChunk(_prefix, _owner, chunk), null);
        if (count > 0) view.Set(ExchangeKeys.ListCount(_prefix, _owner), null);
    }

    private OrderIdChunk ReadChunk(IStateReader state, ulong chunk) =>
        Exchange.Decode(state.Get(ExchangeKeys.ListChunk(_prefix, _owner, chunk)), OrderIdChunk.Parser, "order list chunk")
        ?? throw new InvalidDataException($"an exchange order list counts chunk {chunk} but state does not hold it");
}

/// <summary>Reads a handler's or the batch's <see cref="IStateView"/> as an <see cref="IStateReader"/>. Not thread safe (as the view).</summary>
internal sealed class ViewReader(IStateView view) : IStateReader
{
    public byte[]? Get(in Hash32 key) => view.Get(key);
}
