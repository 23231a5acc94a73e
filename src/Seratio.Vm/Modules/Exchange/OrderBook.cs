using Google.Protobuf;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Exchange;

/// <summary>
/// The resting book of one market side, kept so that a batch rewrites O(what it touches), never O(book):
/// <list type="bullet">
/// <item>a directory (<see cref="BookSideState"/>) of price chunks, best first, each chunk (<see cref="PriceChunk"/>) at
/// most <see cref="PricesPerChunk"/> sorted prices: a new or emptied level rewrites one chunk and the directory (one
/// entry per 64 levels); a full chunk splits in two;</item>
/// <item>a record per price level (<see cref="PriceLevelState"/>: remaining quantity, order count, queue chunks);</item>
/// <item>each level's FIFO queue of order ids in chunks of <see cref="IdsPerChunk"/> (<see cref="OrderIdChunk"/>); an
/// order remembers its chunk (<c>OrderState.level_chunk</c>), so removing it rewrites one chunk.</item>
/// </list>
/// Reads walk best price first and, within a level, in queue (time) order, lazily. Stateless; thread safe.
/// </summary>
public static class OrderBook
{
    public const int PricesPerChunk = 64;
    public const int IdsPerChunk = 64;

    /// <summary>The side's levels, best price first, read as the caller advances.</summary>
    public static IEnumerable<PriceLevelState> LevelsBestFirst(IStateReader state, ulong marketId, OrderSide side)
    {
        var directory = ReadSide(state, marketId, side);
        foreach (var chunkRef in directory.Chunks)
        {
            var chunk = ReadPriceChunk(state, marketId, side, chunkRef.Chunk);
            foreach (var price in chunk.Prices)
                yield return ReadLevel(state, marketId, side, Exchange.Stored(price, "book price"))
                             ?? throw new InvalidDataException($"market {marketId} lists price {price} on its book but holds no level for it");
        }
    }

    /// <summary>The side's resting order ids, best price first and in time priority within a price, read lazily.</summary>
    public static IEnumerable<ulong> OrderIdsBestFirst(IStateReader state, ulong marketId, OrderSide side)
    {
        foreach (var level in LevelsBestFirst(state, marketId, side))
        {
            var price = Exchange.Stored(level.Price, "level price");
            for (ulong c = level.FirstChunk; c <= level.LastChunk; c++)
            {
                var chunk = ReadIdChunk(state, marketId, side, price, c);
                if (chunk is null) continue;
                foreach (var id in chunk.OrderIds) yield return id;
            }
        }
    }

    /// <summary>The best resting price of the side, or null when it is empty.</summary>
    public static Amount? BestPrice(IStateReader state, ulong marketId, OrderSide side)
    {
        var directory = ReadSide(state, marketId, side);
        return directory.Chunks.Count == 0 ? null : Exchange.Stored(directory.Chunks[0].BestPrice, "book price");
    }

    /// <summary>Puts <paramref name="order"/> (remaining &gt; 0) at the back of its price level's queue and sets its level chunk.</summary>
    internal static void Add(IStateView view, OrderState order, Amount remaining)
    {
        var state = new ViewReader(view);
        var price = Exchange.Stored(order.Price, "order price");
        var level = ReadLevel(state, order.MarketId, order.Side, price);
        if (level is null)
        {
            level = new PriceLevelState { Price = order.Price, Quantity = "0", FirstChunk = 0, LastChunk = 0 };
            InsertPrice(view, state, order.MarketId, order.Side, price);
        }
        var chunk = ReadIdChunk(state, order.MarketId, order.Side, price, level.LastChunk) ?? new OrderIdChunk();
        if (chunk.OrderIds.Count >= IdsPerChunk)
        {
            level.LastChunk++;
            chunk = new OrderIdChunk();
        }
        chunk.OrderIds.Add(order.Id);
        view.Set(ExchangeKeys.LevelChunk(order.MarketId, order.Side, price.Value, level.LastChunk), chunk.ToByteArray());
        order.LevelChunk = level.LastChunk;
        level.Quantity = (Exchange.Stored(level.Quantity, "level quantity") + remaining).ToString();
        level.Orders++;
        view.Set(ExchangeKeys.Level(order.MarketId, order.Side, price.Value), level.ToByteArray());
    }

    /// <summary>Takes <paramref name="quantity"/> off the level's total (a partial fill of one of its orders).</summary>
    internal static void Reduce(IStateView view, OrderState order, Amount quantity)
    {
        var price = Exchange.Stored(order.Price, "order price");
        var level = ReadLevel(new ViewReader(view), order.MarketId, order.Side, price)
                    ?? throw new InvalidOperationException($"order {order.Id} rests at {order.Price} but its level is missing");
        level.Quantity = (Exchange.Stored(level.Quantity, "level quantity") - quantity).ToString();
        view.Set(ExchangeKeys.Level(order.MarketId, order.Side, price.Value), level.ToByteArray());
    }

    /// <summary>Removes a resting order that still had <paramref name="remaining"/> from its level; an emptied level leaves the book.</summary>
    internal static void Remove(IStateView view, OrderState order, Amount remaining)
    {
        var state = new ViewReader(view);
        var price = Exchange.Stored(order.Price, "order price");
        var levelKey = ExchangeKeys.Level(order.MarketId, order.Side, price.Value);
        var level = ReadLevel(state, order.MarketId, order.Side, price)
                    ?? throw new InvalidOperationException($"order {order.Id} rests at {order.Price} but its level is missing");
        var chunkKey = ExchangeKeys.LevelChunk(order.MarketId, order.Side, price.Value, order.LevelChunk);
        var chunk = ReadIdChunk(state, order.MarketId, order.Side, price, order.LevelChunk);
        int at = chunk is null ? -1 : chunk.OrderIds.IndexOf(order.Id);
        if (at < 0) throw new InvalidOperationException($"order {order.Id} is not in chunk {order.LevelChunk} of its level {order.Price}");
        chunk!.OrderIds.RemoveAt(at);
        view.Set(chunkKey, chunk.OrderIds.Count == 0 ? null : chunk.ToByteArray());
        level.Orders--;
        level.Quantity = (Exchange.Stored(level.Quantity, "level quantity") - remaining).ToString();
        if (level.Orders == 0)
        {
            // Every chunk of an empty level is already deleted (each was deleted when its last id left).
            view.Set(levelKey, null);
            RemovePrice(view, state, order.MarketId, order.Side, price);
            return;
        }
        while (level.FirstChunk < level.LastChunk && state.Get(ExchangeKeys.LevelChunk(order.MarketId, order.Side, price.Value, level.FirstChunk)) is null)
            level.FirstChunk++;
        view.Set(levelKey, level.ToByteArray());
    }

    private static void InsertPrice(IStateView view, IStateReader state, ulong marketId, OrderSide side, Amount price)
    {
        var directory = ReadSide(state, marketId, side);
        if (directory.Chunks.Count == 0)
        {
            var first = new PriceChunk();
            first.Prices.Add(price.ToString());
            ulong number = directory.NextChunk++;
            directory.Chunks.Add(new BookChunkRef { Chunk = number, BestPrice = price.ToString() });
            view.Set(ExchangeKeys.PriceChunk(marketId, side, number), first.ToByteArray());
            WriteSide(view, marketId, side, directory);
            return;
        }
        int index = ChunkFor(directory, side, price);
        var chunkRef = directory.Chunks[index];
        var chunk = ReadPriceChunk(state, marketId, side, chunkRef.Chunk);
        int at = 0;
        while (at < chunk.Prices.Count && Better(side, Exchange.Stored(chunk.Prices[at], "book price"), price)) at++;
        chunk.Prices.Insert(at, price.ToString());
        if (chunk.Prices.Count > PricesPerChunk)
        {
            var tail = new PriceChunk();
            int half = chunk.Prices.Count / 2;
            for (int i = half; i < chunk.Prices.Count; i++) tail.Prices.Add(chunk.Prices[i]);
            while (chunk.Prices.Count > half) chunk.Prices.RemoveAt(chunk.Prices.Count - 1);
            ulong number = directory.NextChunk++;
            directory.Chunks.Insert(index + 1, new BookChunkRef { Chunk = number, BestPrice = tail.Prices[0] });
            view.Set(ExchangeKeys.PriceChunk(marketId, side, number), tail.ToByteArray());
        }
        chunkRef.BestPrice = chunk.Prices[0];
        view.Set(ExchangeKeys.PriceChunk(marketId, side, chunkRef.Chunk), chunk.ToByteArray());
        WriteSide(view, marketId, side, directory);
    }

    private static void RemovePrice(IStateView view, IStateReader state, ulong marketId, OrderSide side, Amount price)
    {
        var directory = ReadSide(state, marketId, side);
        int index = ChunkFor(directory, side, price);
        var chunkRef = directory.Chunks[index];
        var chunk = ReadPriceChunk(state, marketId, side, chunkRef.Chunk);
        int at = chunk.Prices.IndexOf(price.ToString());
        if (at < 0) throw new InvalidOperationException($"price {price} is not in the book of market {marketId}");
        chunk.Prices.RemoveAt(at);
        if (chunk.Prices.Count == 0)
        {
            directory.Chunks.RemoveAt(index);
            view.Set(ExchangeKeys.PriceChunk(marketId, side, chunkRef.Chunk), null);
        }
        else
        {
            chunkRef.BestPrice = chunk.Prices[0];
            view.Set(ExchangeKeys.PriceChunk(marketId, side, chunkRef.Chunk), chunk.ToByteArray());
        }
        WriteSide(view, marketId, side, directory);
    }

    // The last chunk whose best price is at least as good as the price (the first chunk when none is).
    private static int ChunkFor(BookSideState directory, OrderSide side, Amount price)
    {
        int index = 0;
        for (int i = 1; i < directory.Chunks.Count; i++)
        {
            var best = Exchange.Stored(directory.Chunks[i].BestPrice, "book price");
            if (best == price || Better(side, best, price)) index = i;
            else break;
        }
        return index;
    }

    /// <summary>Whether <paramref name="a"/> is strictly better than <paramref name="b"/> on the side (higher bid, lower ask).</summary>
    public static bool Better(OrderSide side, Amount a, Amount b) => side == OrderSide.Buy ? a > b : a < b;

    private static void WriteSide(IStateView view, ulong marketId, OrderSide side, BookSideState directory) =>
        view.Set(ExchangeKeys.BookSide(marketId, side), directory.Chunks.Count == 0 ? null : directory.ToByteArray());

    private static BookSideState ReadSide(IStateReader state, ulong marketId, OrderSide side) =>
        Exchange.Decode(state.Get(ExchangeKeys.BookSide(marketId, side)), BookSideState.Parser, "book side") ?? new BookSideState();

    private static PriceChunk ReadPriceChunk(IStateReader state, ulong marketId, OrderSide side, ulong chunk) =>
        Exchange.Decode(state.Get(ExchangeKeys.PriceChunk(marketId, side, chunk)), PriceChunk.Parser, "price chunk")
        ?? throw new InvalidDataException($"market {marketId}'s book lists price chunk {chunk} but state does not hold it");

    private static PriceLevelState? ReadLevel(IStateReader state, ulong marketId, OrderSide side, Amount price) =>
        Exchange.Decode(state.Get(ExchangeKeys.Level(marketId, side, price.Value)), PriceLevelState.Parser, "price level");

    private static OrderIdChunk? ReadIdChunk(IStateReader state, ulong marketId, OrderSide side, Amount price, ulong chunk) =>
        Exchange.Decode(state.Get(ExchangeKeys.LevelChunk(marketId, side, price.Value, chunk)), OrderIdChunk.Parser, "level chunk");
}
