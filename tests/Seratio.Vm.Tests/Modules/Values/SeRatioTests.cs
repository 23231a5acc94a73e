using System.Numerics;
using CsCheck;
using Seratio.Core.Numerics;
using Seratio.Vm.Modules.Certificates;

namespace Seratio.Vm.Tests.Modules.Values;

public class SeRatioTests
{
    [Theory]
    [InlineData("250", "100", "2500000000000000000")]
    [InlineData("1", "3", "333333333333333333")]            // 0.333... rounds down
    [InlineData("2", "3", "666666666666666666")]            // 0.666... rounds down, not up
    [InlineData("0", "7", "0")]
    [InlineData("1", "1000000000000000000", "1")]           // the smallest non-zero ratio
    [InlineData("1", "1000000000000000001", "0")]           // just below it: floor to 0
    [InlineData("999999999999999999", "1000000000000000000", "999999999999999999")]
    public void Compute_IsFloorOfSocialTimes10e18OverFinancial(string social, string financial, string expected)
    {
        Assert.Equal(expected, SeRatio.ToStored(SeRatio.Compute(Amount.Parse(social), Amount.Parse(financial))));
    }

    [Fact]
    public void Compute_OfTheLargestAmounts_DoesNotOverflow()
    {
        var max = Amount.MaxValue;
        Assert.Equal(SeRatio.One, SeRatio.Compute(max, max));
        var huge = SeRatio.Compute(max, new Amount(1));
        Assert.Equal((BigInteger)UInt128.MaxValue * BigInteger.Pow(10, 18), huge);
        Assert.Equal("340282366920938463463374607431768211455", SeRatio.Format(huge));
        Assert.Equal(BigInteger.Zero, SeRatio.Compute(new Amount(1), max));
    }

    [Fact]
    public void Compute_OfAZeroFinancialValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => SeRatio.Compute(new Amount(5), Amount.Zero));
    }

    [Fact]
    public void Compute_MatchesABigIntegerReference_ForRandomValues()
    {
        var amount = Gen.Select(Gen.ULong, Gen.ULong, (hi, lo) => new Amount(new UInt128(hi, lo)));
        var small = Gen.ULong[0, 1_000_000].Select(v => new Amount(v));
        var value = Gen.OneOf(amount, small);
        Gen.Select(value, value).Sample((social, financial) =>
        {
            if (financial.IsZero) return true;
            var ratio = SeRatio.Compute(social, financial);
            var s = BigInteger.Parse(social.ToString(), System.Globalization.CultureInfo.InvariantCulture);
            var f = BigInteger.Parse(financial.ToString(), System.Globalization.CultureInfo.InvariantCulture);
            // floor: ratio * f <= s * 10^18 < (ratio + 1) * f
            var scaled = s * BigInteger.Pow(10, 18);
            return ratio * f <= scaled && scaled < (ratio + 1) * f
                && SeRatio.TryParseStored(SeRatio.ToStored(ratio), out var back) && back == ratio;
        }, iter: 2_000, seed: null);
    }

    [Theory]
    [InlineData("2500000000000000000", "2.5")]
    [InlineData("333333333333333333", "0.333333333333333333")]
    [InlineData("1", "0.000000000000000001")]
    [InlineData("7000000000000000000", "7")]
    [InlineData("0", "0")]
    public void Format_WritesEighteenPlacesTrimmed(string stored, string text)
    {
        Assert.Equal(text, SeRatio.Format(stored));
    }

    [Theory]
    [InlineData("")]
    [InlineData("01")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public void TryParseStored_RefusesNonCanonicalText(string text)
    {
        Assert.False(SeRatio.TryParseStored(text, out _));
    }
}
