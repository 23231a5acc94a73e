using System.CommandLine;
using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Protocol;

namespace Seratio.Cli.Modules;

/// <summary>
/// <c>seratio dex market-create|market-halt|place|cancel</c> (transactions, through <see cref="MsgSender"/>) and, through
/// <see cref="ExchangeQueryCommands"/>, <c>market|markets|book|orders|trades</c>: the exchange, ClassicDelta
/// (docs/modules/exchange.md, docs/cli.md). Every value is parsed before a key is opened, so a bad one is a usage
/// error (exit 2); a refused or failed transaction prints its code and message and exits 1.
/// </summary>
internal static class ExchangeCommands
{
    public static Command Create(GlobalOptions options)
    {
        var dex = new Command("dex", "Trade on the exchange (ClassicDelta): list and halt markets, place and cancel orders, read books, orders and trades");
        dex.Subcommands.Add(MarketCreate(options));
        dex.Subcommands.Add(MarketHalt(options));
        dex.Subcommands.Add(Place(options));
        dex.Subcommands.Add(Cancel(options));
        ExchangeQueryCommands.AddTo(dex, options);
        return dex;
    }

    private static Command MarketCreate(GlobalOptions options)
    {
        var baseAsset = new Option<string>("--base") { Description = "What is traded: SER, an altcoin symbol or ms:<class id>", Required = true };
        var quote = new Option<string>("--quote") { Description = "What it is priced and paid in: SER or an altcoin symbol", Required = true };
        var tick = new Option<string>("--tick") { Description = "Price step in quote base units per base unit, at least 1", Required = true };
        var lot = new Option<string>("--lot") { Description = "Quantity step in base units, at least 1", Required = true };
        var minValue = new Option<string>("--min-value") { Description = "Least price × quantity of an order, in quote base units, at least 1", Required = true };
        var makerBps = new Option<uint>("--maker-bps") { Description = "Fee of resting orders in basis points, 0-1000", DefaultValueFactory = _ => 0 };
        var takerBps = new Option<uint>("--taker-bps") { Description = "Fee of a block's new orders in basis points, 1-1000", Required = true };
        var sender = new MsgSender(options, signer: "the authority");
        var command = sender.AddTo(new Command("market-create", "List a market (the authority signs); its id is in the receipt's event")
            { baseAsset, quote, tick, lot, minValue, makerBps, takerBps });
        command.SetAction((parse, ct) =>
        {
            var msg = new MsgCreateMarket
            {
                Base = ExchangeValues.Asset(parse.GetValue(baseAsset)!, "--base", allowMicroshares: true),
                Quote = ExchangeValues.Asset(parse.GetValue(quote)!, "--quote", allowMicroshares: false),
                TickSize = CliValues.BaseUnits(parse.GetValue(tick)!, "--tick"),
                LotSize = CliValues.BaseUnits(parse.GetValue(lot)!, "--lot"),
                MinOrderValue = CliValues.BaseUnits(parse.GetValue(minValue)!, "--min-value"),
                MakerFeeBps = parse.GetValue(makerBps),
                TakerFeeBps = parse.GetValue(takerBps),
            };
            if (msg.Base == msg.Quote) throw CommandException.Usage($"--base and --quote are both {msg.Base}; a market trades two different assets");
            if (msg.MakerFeeBps > 1000) throw CommandException.Usage($"--maker-bps {msg.MakerFeeBps} is above 1000 (10 %)");
            if (msg.TakerFeeBps is 0 or > 1000) throw CommandException.Usage($"--taker-bps {msg.TakerFeeBps} must be 1-1000: every trade pays a fee above 0");
            return sender.SendAsync(parse, _ => new Msg { CreateMarket = msg }, ct);
        });
        return command;
    }

    private static Command MarketHalt(GlobalOptions options)
    {
        var id = MarketArgument();
        var resume = new Option<bool>("--resume") { Description = "Resume a halted market instead of halting it" };
        var reason = new Option<string>("--reason") { Description = "Why (at most 256 UTF-8 bytes); required when halting", DefaultValueFactory = _ => "" };
        var sender = new MsgSender(options, signer: "the authority");
        var command = sender.AddTo(new Command("market-halt", "Halt a market (no new orders; open ones can still be cancelled), or resume it with --resume")
            { id, resume, reason });
        command.SetAction((parse, ct) =>
        {
            var msg = new MsgHaltMarket
            {
                MarketId = MicroshareCommands.RequireId(parse.GetValue(id), "market"),
                Halted = !parse.GetValue(resume),
                Reason = parse.GetValue(reason)!,
            };
            if (msg.Halted && msg.Reason.Length == 0) throw CommandException.Usage("--reason is required when halting: say why, so traders know");
            if (System.Text.Encoding.UTF8.GetByteCount(msg.Reason) > 256) throw CommandException.Usage("--reason is longer than 256 UTF-8 bytes");
            return sender.SendAsync(parse, _ => new Msg { HaltMarket = msg }, ct);
        });
        return command;
    }

    private static Command Place(GlobalOptions options)
    {
        var market = new Option<ulong>("--market") { Description = "Market id", Required = true };
        var side = new Option<string>("--side") { Description = "buy or sell", Required = true };
        var price = new Option<string?>("--price") { Description = "Limit price: quote base units per base unit, a multiple of the market's tick" };
        var quantity = new Option<string>("--quantity") { Description = "Base units, a multiple of the market's lot", Required = true };
        var tif = new Option<string>("--tif") { Description = "Time in force: gtc, gth (with --expire-height), ioc, fok or post-only", DefaultValueFactory = _ => "gtc" };
        var expire = new Option<ulong>("--expire-height") { Description = "gth only: the last height the order stays open" };
        var lots = new Option<string?>("--lots") { Description = "Microshare sells only: lot ids to offer, in order, e.g. 1,2 (default: oldest first)" };
        var marketOrder = new Option<bool>("--market-order") { Description = "A market order: immediate-or-cancel at any price up to --worst-price" };
        var worst = new Option<string?>("--worst-price") { Description = "With --market-order: the worst price accepted (highest for a buy, lowest for a sell)" };
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("place", "Place an order; the block's batch matches it (use --wait to see its id and status)")
            { market, side, price, quantity, tif, expire, lots, marketOrder, worst });
        command.SetAction(async (parse, ct) =>
        {
            var msg = ExchangeValues.Order(
                parse.GetValue(market), parse.GetValue(side)!, parse.GetValue(price), parse.GetValue(quantity)!,
                parse.GetResult(tif) is { Implicit: false } ? parse.GetValue(tif) : null, parse.GetValue(expire), parse.GetValue(lots),
                parse.GetValue(marketOrder), parse.GetValue(worst));
            string? orderId = null;
            int code = await sender.SendAsync(parse, _ => new Msg { PlaceOrder = msg }, sent =>
            {
                orderId = sent.Receipt is null ? null : ExchangeValues.OrderIdOf(sent.Receipt);
                return new { tx_hash = sent.Hash, from = sent.From, order_id = orderId, nonce = sent.Body.Nonce, receipt = sent.ReceiptJson };
            }, ct);
            var printer = options.Printer(parse);
            if (!printer.IsJson && orderId is not null) printer.Result(new { }, () => Printer.Fields(("order", orderId)));
            return code;
        });
        return command;
    }

    private static Command Cancel(GlobalOptions options)
    {
        var id = new Argument<ulong>("order") { Description = "Order id" };
        var sender = new MsgSender(options);
        var command = sender.AddTo(new Command("cancel", "Cancel an open or pending order of yours at once, releasing what it locked") { id });
        command.SetAction((parse, ct) =>
        {
            var msg = new MsgCancelOrder { OrderId = MicroshareCommands.RequireId(parse.GetValue(id), "order") };
            return sender.SendAsync(parse, _ => new Msg { CancelOrder = msg }, ct);
        });
        return command;
    }

    internal static Argument<ulong> MarketArgument() => new("market") { Description = "Market id (1, 2, ...)" };

    internal static string Num(ulong n) => n.ToString(CultureInfo.InvariantCulture);
}
