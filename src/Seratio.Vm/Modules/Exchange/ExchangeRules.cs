using System.Numerics;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Exchange;

/// <summary>
/// The exchange's stateless rules and exact integer maths (docs/modules/exchange.md, "Fees and rounding", "Escrow"):
/// values are price × quantity in <see cref="BigInteger"/>, fees round up, locks cover the worst case. Pure; thread safe.
/// </summary>
public static class ExchangeRules
{
    /// <summary>Basis points in one whole.</summary>
    public const int BpsDenominator = 10_000;
    public const uint MaxFeeBps = 1_000;
    public const int MaxHaltReasonBytes = 256;
    public const int MaxLotIds = 32;

    /// <summary>ceil(<paramref name="value"/> × <paramref name="bps"/> / 10000): a trade of value ≥ 1 with bps ≥ 1 pays at least 1.</summary>
    public static BigInteger Fee(BigInteger value, uint bps) => CeilDiv(value * bps, BpsDenominator);

    /// <summary>
    /// What a buy locks in the quote asset: price × quantity plus, per lot of the quantity, the fee of one lot at the
    /// order's price and the higher fee rate: (quantity / lot) × ceil(price × lot × max_bps / 10000). Fees are charged
    /// per trade and round up, so an order filled by k trades pays up to k roundings; every trade is a whole number of lots,
    /// so per-lot headroom always covers them (ceil(k·x) ≤ k·ceil(x)), where ceil(value × bps) on the whole value could be
    /// short (docs/modules/exchange.md, "Escrow").
    /// </summary>
    public static BigInteger BuyLock(BigInteger price, BigInteger quantity, BigInteger lot, uint maxBps) =>
        price * quantity + quantity / lot * Fee(price * lot, maxBps);

    /// <summary>The SER a placement can take at most, for any market (admission's funds check): a buy's lock at the highest fee with lot 1 bounds every lot size.</summary>
    public static BigInteger MaxLockAnyMarket(OrderSide side, BigInteger price, BigInteger quantity) =>
        side == OrderSide.Buy ? price * quantity + Fee(price * quantity, MaxFeeBps) + quantity : quantity;

    /// <summary>What the seller of the smallest fill (one tick × one lot) keeps after the higher fee; market creation wants ≥ 1.</summary>
    public static BigInteger SmallestFillProceeds(BigInteger tick, BigInteger lot, uint makerBps, uint takerBps) =>
        tick * lot - Fee(tick * lot, Math.Max(makerBps, takerBps));

    public static BigInteger CeilDiv(BigInteger a, BigInteger b) => (a + b - 1) / b;

    public static BigInteger Big(Amount amount) => (BigInteger)amount.Value;

    /// <summary>The amount of a non-negative integer that fits in 128 bits; false when it does not.</summary>
    public static bool TryAmount(BigInteger value, out Amount amount)
    {
        amount = default;
        if (value.Sign < 0 || value > (BigInteger)UInt128.MaxValue) return false;
        amount = new Amount((UInt128)value);
        return true;
    }

    /// <summary>The amount of a value the caller knows fits (escrow flows never exceed what was locked).</summary>
    public static Amount ToAmount(BigInteger value) =>
        TryAmount(value, out var amount) ? amount : throw new InvalidOperationException($"{value} does not fit an amount");

    public static string SideName(OrderSide side) => side == OrderSide.Buy ? "buy" : "sell";
}
