using System.Numerics;
using Seratio.Bridges.Relaying;

namespace Seratio.Bridges.Tests.Relaying;

/// <summary>
/// The replacement rule: each price of a stuck transaction rises by at least 1/8 (rounded up, and by at least 1 wei), or
/// to today's offer when that is higher, and a replacement above the cap is not made.
/// </summary>
public sealed class TxFeesTests
{
    private static readonly BigInteger Cap = 500_000_000_000;

    [Theory]
    [InlineData(3_000_000_000, 1_000_000_000, 3_375_000_000, 1_125_000_000)] // exact eighths
    [InlineData(9, 1, 11, 2)]                                                 // 9·9/8 = 10.125 → 11; 1 → 2
    [InlineData(1, 0, 2, 1)]                                                  // at least +1 wei, even from 0
    public void AType2Offer_RisesByAnEighthOnBothPrices_RoundedUp(long maxFee, long tip, long expectedMaxFee, long expectedTip)
    {
        var bumped = TxFees.Eip1559(maxFee, tip).Bumped(TxFees.Eip1559(0, 0), Cap)!;
        Assert.Equal(new BigInteger(expectedMaxFee), bumped.MaxFee);
        Assert.Equal(new BigInteger(expectedTip), bumped.Tip);
        Assert.False(bumped.IsLegacy);
        Assert.True(bumped.MaxFee * 8 >= maxFee * 9L && bumped.Tip * 8 >= tip * 9L);
    }

    [Fact]
    public void AType0Offer_RaisesItsGasPrice_AndStaysType0()
    {
        var bumped = TxFees.Legacy(2_000_000_000).Bumped(TxFees.Legacy(1_000_000_000), Cap)!;
        Assert.Equal(new BigInteger(2_250_000_000), bumped.GasPrice);
        Assert.True(bumped.IsLegacy);
        Assert.True(TxFees.Legacy(0).Bumped(TxFees.Legacy(0), Cap)!.GasPrice > 0);
    }

    [Fact]
    public void TodaysOffer_WinsWhenHigher_PriceByPrice()
    {
        var bumped = TxFees.Eip1559(3_000_000_000, 1_000_000_000).Bumped(TxFees.Eip1559(61_000_000_000, 1_000_000_000), Cap)!;
        Assert.Equal(new BigInteger(61_000_000_000), bumped.MaxFee);
        Assert.Equal(new BigInteger(1_125_000_000), bumped.Tip);
    }

    [Fact]
    public void AReplacementAboveTheCap_IsNotMade_ButOneAtTheCapIs()
    {
        Assert.Null(TxFees.Eip1559(450_000_000_000, 1).Bumped(TxFees.Eip1559(0, 0), Cap)); // 506.25 gwei > 500
        Assert.Null(TxFees.Legacy(1).Bumped(TxFees.Legacy(Cap + 1), Cap));
        Assert.NotNull(TxFees.Legacy(1).Bumped(TxFees.Legacy(Cap), Cap));
    }

    [Fact]
    public void AMaxFeeBelowTheTip_IsLiftedToIt()
    {
        var bumped = TxFees.Eip1559(1, 100).Bumped(TxFees.Eip1559(0, 0), Cap)!;
        Assert.True(bumped.MaxFee >= bumped.Tip);
    }
}
