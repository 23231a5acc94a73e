using System.CommandLine;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Protocol;
using static Seratio.Cli.Modules.ExchangeCommands;
using static Seratio.Cli.Modules.ExchangeValues;

namespace Seratio.Cli.Modules;

/// <summary><c>seratio dex market|markets|book|orders|trades</c>: read-only exchange queries over the public API (docs/cli.md).</summary>
internal static class ExchangeQueryCommands
{
    public static void AddTo(Command dex, GlobalOptions options)
    {
        dex.Subcommands.Add(Market(options));
        dex.Subcommands.Add(Markets(options));
        dex.Subcommands.Add(Book(options));
        dex.Subcommands.Add(Orders(options));
        dex.Subcommands.Add(Trades(options));
    }

    private static Option<ulong> Height() => new("--height") { Description = "A retained height (default: latest)" };
    private static Option<uint> PageSize() => new("--page-size") { Description = "Entries per page, 1-100", DefaultValueFactory = _ => 50 };
    private static Option<string> PageToken() => new("--page-token") { Description = "next_page_token of the previous page", DefaultValueFactory = _ => "" };

    private static Command Market(GlobalOptions options)
    {
        var id = MarketArgument();
        var height = Height();
        var prove = new Option<bool>("--prove") { Description = "Ask for a state proof of the market" };
        var command = new Command("market", "Show a market: its pair, steps, fees, best prices and totals") { id, height, prove };
        command.SetAction(async (parse, ct) =>
        {
            var request = new GetMarketRequest { Id = MicroshareCommands.RequireId(parse.GetValue(id), "market"), Height = parse.GetValue(height), Prove = parse.GetValue(prove) };
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.GetMarketAsync(request, o), NodeConnection.QuickCall, ct);
            var m = r.Market;
            options.Printer(parse).Result(
                new { market = MarketJson(m), best_bid = r.BestBid, best_ask = r.BestAsk, height = r.Height, state_root = Display.Hex(r.StateRoot), proof = r.Proof is null ? null : ProofJson.Of(r.Proof) },
                () => Printer.Fields(
                [
                    ("market", $"{Num(m.Id)} {m.Base} / {m.Quote}" + (m.Halted ? $" HALTED: {m.HaltReason}" : "")),
                    ("tick", m.TickSize), ("lot", m.LotSize), ("min value", m.MinOrderValue),
                    ("fees", $"maker {m.MakerFeeBps} bps, taker {m.TakerFeeBps} bps"),
                    ("best bid", Or(r.BestBid)), ("best ask", Or(r.BestAsk)), ("last price", Or(m.LastPrice)),
                    ("trades", $"{Num(m.TradeCount)} ({m.VolumeBase} base, {m.VolumeQuote} quote units)"),
                    ("open orders", Num(m.OpenOrders)),
                    ("height", Num(r.Height)),
                ]));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Markets(GlobalOptions options)
    {
        var height = Height();
        var pageSize = PageSize();
        var pageToken = PageToken();
        var command = new Command("markets", "List markets in id order") { height, pageSize, pageToken };
        command.SetAction(async (parse, ct) =>
        {
            var request = new ListMarketsRequest { Height = parse.GetValue(height), PageSize = PageSizeOf(parse.GetValue(pageSize)), PageToken = parse.GetValue(pageToken)! };
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.ListMarketsAsync(request, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new { markets = r.Markets.Select(MarketJson).ToList(), total = r.Total, next_page_token = r.NextPageToken, height = r.Height },
                () => [
                    Printer.Row("id", "base", "quote", "tick", "lot", "min value", "maker/taker bps", "last price", "status"),
                    .. r.Markets.Select(m => Printer.Row(Num(m.Id), m.Base, m.Quote, m.TickSize, m.LotSize, m.MinOrderValue,
                        $"{m.MakerFeeBps}/{m.TakerFeeBps}", Or(m.LastPrice), m.Halted ? "halted" : "open")),
                    .. More(r.NextPageToken),
                ]);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Book(GlobalOptions options)
    {
        var id = MarketArgument();
        var depth = new Option<uint>("--depth") { Description = "Price levels per side, 1-500", DefaultValueFactory = _ => 10 };
        var height = Height();
        var command = new Command("book", "Show a market's order book: asks above bids, the spread between") { id, depth, height };
        command.SetAction(async (parse, ct) =>
        {
            ulong market = MicroshareCommands.RequireId(parse.GetValue(id), "market");
            if (parse.GetValue(depth) is 0 or > 500) throw CommandException.Usage("--depth must be 1-500");
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var book = await node.CallAsync((c, o) => c.GetOrderBookAsync(new GetOrderBookRequest { MarketId = market, Depth = parse.GetValue(depth), Height = parse.GetValue(height) }, o), NodeConnection.QuickCall, ct);
            var info = await node.CallAsync((c, o) => c.GetMarketAsync(new GetMarketRequest { Id = market, Height = book.Height }, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new
                {
                    market_id = book.MarketId, @base = info.Market.Base, quote = info.Market.Quote, last_price = book.LastPrice,
                    asks = book.Asks.Select(LevelJson).ToList(), bids = book.Bids.Select(LevelJson).ToList(),
                    height = book.Height, state_root = Display.Hex(book.StateRoot),
                },
                () => OrderBookText.Lines(info.Market, book));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Orders(GlobalOptions options)
    {
        var owner = new Option<string>("--owner") { Description = "Whose orders (ser1...)", Required = true };
        var market = new Option<ulong>("--market") { Description = "Only this market" };
        var status = new Option<string?>("--status") { Description = "Only pending, open, filled, cancelled or expired" };
        var height = Height();
        var pageSize = PageSize();
        var pageToken = PageToken();
        var command = new Command("orders", "List an account's orders, newest first") { owner, market, status, height, pageSize, pageToken };
        command.SetAction(async (parse, ct) =>
        {
            var request = new ListOrdersRequest
            {
                Owner = CliValues.Address(parse.GetValue(owner)!, "--owner").ToString(),
                MarketId = parse.GetValue(market),
                Status = parse.GetValue(status) is { } s ? Status(s) : OrderStatus.Unspecified,
                Height = parse.GetValue(height), PageSize = PageSizeOf(parse.GetValue(pageSize)), PageToken = parse.GetValue(pageToken)!,
            };
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.ListOrdersAsync(request, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new { orders = r.Orders.Select(OrderJson).ToList(), next_page_token = r.NextPageToken, height = r.Height },
                () => [
                    Printer.Row("id", "market", "side", "price", "quantity", "filled", "tif", "status", "placed at"),
                    .. r.Orders.Select(o => Printer.Row(Num(o.Id), Num(o.MarketId), SideName(o.Side), o.Price, o.Quantity, o.Filled, TifName(o.TimeInForce),
                        StatusName(o.Status) + (o.CancelReason == CancelReason.Unspecified ? "" : $" ({ReasonName(o.CancelReason)})"), Num(o.PlacedHeight))),
                    .. More(r.NextPageToken),
                ]);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Trades(GlobalOptions options)
    {
        var id = MarketArgument();
        var from = new Option<ulong>("--from-height") { Description = "First height (default: the first trade)" };
        var to = new Option<ulong>("--to-height") { Description = "Last height (default: the latest)" };
        var height = Height();
        var pageSize = PageSize();
        var pageToken = PageToken();
        var command = new Command("trades", "List a market's trades, oldest first") { id, from, to, height, pageSize, pageToken };
        command.SetAction(async (parse, ct) =>
        {
            var request = new ListTradesRequest
            {
                MarketId = MicroshareCommands.RequireId(parse.GetValue(id), "market"),
                FromHeight = parse.GetValue(from), ToHeight = parse.GetValue(to),
                Height = parse.GetValue(height), PageSize = PageSizeOf(parse.GetValue(pageSize)), PageToken = parse.GetValue(pageToken)!,
            };
            if (request.ToHeight != 0 && request.ToHeight < request.FromHeight) throw CommandException.Usage("--to-height is below --from-height");
            using var node = NodeConnection.Open(parse.GetValue(options.Node)!);
            var r = await node.CallAsync((c, o) => c.ListTradesAsync(request, o), NodeConnection.QuickCall, ct);
            options.Printer(parse).Result(
                new { trades = r.Trades.Select(TradeJson).ToList(), next_page_token = r.NextPageToken, height = r.Height },
                () => [
                    Printer.Row("seq", "height", "price", "quantity", "buy order", "sell order", "buyer", "seller", "lots"),
                    .. r.Trades.Select(t => Printer.Row(Num(t.Sequence), Num(t.Height), t.Price, t.Quantity, Num(t.BuyOrderId), Num(t.SellOrderId),
                        Display.Address(t.Buyer), Display.Address(t.Seller), string.Join(",", t.Lots.Select(l => $"{l.LotId}:{l.Units}")))),
                    .. More(r.NextPageToken),
                ]);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static uint PageSizeOf(uint size) => size is 0 or > 100 ? throw CommandException.Usage("--page-size must be 1-100") : size;

    private static IEnumerable<string> More(string token) => token.Length == 0 ? [] : [$"more: --page-token {token}"];

    private static string Or(string text) => text.Length == 0 ? "-" : text;

    private static object LevelJson(PriceLevel l) => new { price = l.Price, quantity = l.Quantity, orders = l.Orders };

    internal static object MarketJson(MarketState m) => new
    {
        id = m.Id, @base = m.Base, quote = m.Quote, tick_size = m.TickSize, lot_size = m.LotSize, min_order_value = m.MinOrderValue,
        maker_fee_bps = m.MakerFeeBps, taker_fee_bps = m.TakerFeeBps, halted = m.Halted, halt_reason = m.HaltReason, created_height = m.CreatedHeight,
        last_price = m.LastPrice, last_trade_height = m.LastTradeHeight, trade_count = m.TradeCount, open_orders = m.OpenOrders,
        volume_base = m.VolumeBase, volume_quote = m.VolumeQuote,
    };

    internal static object OrderJson(OrderState o) => new
    {
        id = o.Id, market_id = o.MarketId, owner = Display.Address(o.Owner), side = SideName(o.Side), price = o.Price, quantity = o.Quantity, filled = o.Filled,
        time_in_force = TifName(o.TimeInForce), expire_height = o.ExpireHeight, placed_height = o.PlacedHeight, placed_tx_hash = Display.Hex(o.PlacedTxHash),
        status = StatusName(o.Status), cancel_reason = ReasonName(o.CancelReason), cancel_detail = o.CancelDetail, closed_height = o.ClosedHeight,
        locked = o.Locked, lots = o.Lots.Select(l => new { lot_id = l.LotId, units = l.Units }).ToList(), paid_quote = o.PaidQuote, fees = o.Fees,
    };

    internal static object TradeJson(TradeRecord t) => new
    {
        market_id = t.MarketId, sequence = t.Sequence, height = t.Height, price = t.Price, quantity = t.Quantity, buy_order_id = t.BuyOrderId, sell_order_id = t.SellOrderId,
        buyer = Display.Address(t.Buyer), seller = Display.Address(t.Seller), buyer_fee = t.BuyerFee, seller_fee = t.SellerFee,
        buyer_maker = t.BuyerMaker, seller_maker = t.SellerMaker, lots = t.Lots.Select(l => new { lot_id = l.LotId, units = l.Units }).ToList(),
    };
}
