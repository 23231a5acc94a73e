using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Protocol;

namespace Seratio.Cli.Modules;

/// <summary>
/// The exchange's command-line values: asset names, orders as <c>seratio dex place</c> takes them, and the words
/// its output uses for sides, times in force and statuses. A bad value is a usage error (exit 2). Pure.
/// </summary>
internal static class ExchangeValues
{
    public const string MicrosharePrefix = "ms:";

    /// <summary>"SER", an altcoin symbol or (when <paramref name="allowMicroshares"/>) "ms:&lt;class id&gt;".</summary>
    public static string Asset(string text, string what, bool allowMicroshares)
    {
        if (text == "SER") return text;
        if (text.StartsWith(MicrosharePrefix, StringComparison.Ordinal))
        {
            if (!allowMicroshares) throw CommandException.Usage($"{what} '{text}': microshares can only be the base of a market; price it in SER or an altcoin");
            if (!ulong.TryParse(text.AsSpan(MicrosharePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == 0
                || text.Length > MicrosharePrefix.Length + 1 && text[MicrosharePrefix.Length] == '0')
                throw CommandException.Usage($"{what} '{text}' is not a microshare class; write ms: and the class id, e.g. ms:1");
            return text;
        }
        if (Vm.Modules.Altcoins.AssetSymbol.Problem(text) is { } problem)
            throw CommandException.Usage($"{what} '{text}' is not an asset: SER, an altcoin symbol" + (allowMicroshares ? " or ms:<class id>" : "") + $" ({problem})");
        return text;
    }

    /// <summary>The order <c>seratio dex place</c> describes; <paramref name="tif"/> null when --tif was not given.</summary>
    public static MsgPlaceOrder Order(ulong market, string side, string? price, string quantity, string? tif, ulong expireHeight, string? lots,
        bool marketOrder, string? worstPrice)
    {
        var msg = new MsgPlaceOrder
        {
            MarketId = MicroshareCommands.RequireId(market, "market"),
            Side = Side(side),
            Quantity = CliValues.BaseUnits(quantity, "--quantity"),
        };
        if (marketOrder)
        {
            if (price is not null) throw CommandException.Usage("--market-order takes --worst-price, not --price");
            if (worstPrice is null) throw CommandException.Usage("--market-order needs --worst-price: the worst price you accept (highest for a buy, lowest for a sell)");
            if (tif is not null && tif != "ioc") throw CommandException.Usage($"--market-order is immediate-or-cancel; leave out --tif {tif}");
            msg.Price = CliValues.BaseUnits(worstPrice, "--worst-price");
            msg.TimeInForce = TimeInForce.Ioc;
        }
        else
        {
            if (worstPrice is not null) throw CommandException.Usage("--worst-price goes with --market-order; a limit order takes --price");
            if (price is null) throw CommandException.Usage("--price is required (or --market-order with --worst-price)");
            msg.Price = CliValues.BaseUnits(price, "--price");
            msg.TimeInForce = Tif(tif ?? "gtc");
        }
        if (msg.TimeInForce == TimeInForce.Gth)
        {
            if (expireHeight == 0) throw CommandException.Usage("--tif gth needs --expire-height: the last height the order stays open");
            msg.ExpireHeight = expireHeight;
        }
        else if (expireHeight != 0) throw CommandException.Usage("--expire-height goes only with --tif gth");
        if (lots is not null)
        {
            if (msg.Side != OrderSide.Sell) throw CommandException.Usage("--lots names microshare lots to sell; a buy takes none");
            msg.LotIds.Add(LotIds(lots));
        }
        return msg;
    }

    public static OrderSide Side(string text) => text switch
    {
        "buy" => OrderSide.Buy,
        "sell" => OrderSide.Sell,
        _ => throw CommandException.Usage($"--side '{text}' is not one; use buy or sell"),
    };

    public static TimeInForce Tif(string text) => text switch
    {
        "gtc" => TimeInForce.Gtc,
        "gth" => TimeInForce.Gth,
        "ioc" => TimeInForce.Ioc,
        "fok" => TimeInForce.Fok,
        "post-only" => TimeInForce.PostOnly,
        _ => throw CommandException.Usage($"--tif '{text}' is not one; use gtc, gth, ioc, fok or post-only"),
    };

    public static OrderStatus Status(string text) => text switch
    {
        "pending" => OrderStatus.Pending,
        "open" => OrderStatus.Open,
        "filled" => OrderStatus.Filled,
        "cancelled" => OrderStatus.Cancelled,
        "expired" => OrderStatus.Expired,
        _ => throw CommandException.Usage($"--status '{text}' is not one; use pending, open, filled, cancelled or expired"),
    };

    /// <summary>"1,2,5": distinct lot ids, at most 32, in order.</summary>
    public static IReadOnlyList<ulong> LotIds(string text)
    {
        var ids = new List<ulong>();
        foreach (var part in text.Split(','))
        {
            if (!ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == 0)
                throw CommandException.Usage($"--lots '{text}': '{part}' is not a lot id; give ids separated by commas, e.g. 1,2");
            if (ids.Contains(id)) throw CommandException.Usage($"--lots '{text}' names lot {id} twice");
            ids.Add(id);
        }
        if (ids.Count > 32) throw CommandException.Usage($"--lots names {ids.Count} lots; an order may lock at most 32");
        return ids;
    }

    /// <summary>The order id a placement's receipt names (an exchange event's "order" attribute), or null.</summary>
    public static string? OrderIdOf(Receipt receipt)
    {
        foreach (var e in receipt.Events)
            if (e.Type.StartsWith("exchange.", StringComparison.Ordinal))
                foreach (var a in e.Attributes)
                    if (a.Key is "order" or "order_id") return a.Value;
        return null;
    }

    public static string SideName(OrderSide side) => side switch
    {
        OrderSide.Buy => "buy",
        OrderSide.Sell => "sell",
        _ => "?",
    };

    public static string TifName(TimeInForce tif) => tif switch
    {
        TimeInForce.Gtc => "gtc",
        TimeInForce.Gth => "gth",
        TimeInForce.Ioc => "ioc",
        TimeInForce.Fok => "fok",
        TimeInForce.PostOnly => "post-only",
        _ => "?",
    };

    /// <summary>"pending", "open", ...: the module's own words (its events use them too).</summary>
    public static string StatusName(OrderStatus status) => Vm.Modules.Exchange.ExchangeEvents.StatusName(status);

    /// <summary>"self_trade", "ioc_remainder", ...: the module's own words; "" when none.</summary>
    public static string ReasonName(CancelReason reason) => reason == CancelReason.Unspecified ? "" : Vm.Modules.Exchange.ExchangeEvents.ReasonName(reason);
}
