using Seratio.Core.Numerics;

namespace Seratio.Core.Tests.Numerics;

public sealed class AmountTests
{
    private const string Max = "340282366920938463463374607431768211455"; // 2^128 - 1

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "1")]
    [InlineData("1000000", "1000000")]
    [InlineData(Max, Max)]
    public void CanonicalDecimal_Parses_AndPrintsBack(string text, string printed)
    {
        Assert.True(Amount.TryParse(text, out var amount, out var error), error);
        Assert.Equal(printed, amount.ToString());
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("00", "leading zero")]
    [InlineData("007", "leading zero")]
    [InlineData("-1", "digits only")]
    [InlineData("+1", "digits only")]
    [InlineData("1.5", "digits only")]
    [InlineData(" 1", "digits only")]
    [InlineData("1e6", "digits only")]
    [InlineData("١٢", "digits only")] // Arabic-Indic digits are not ASCII digits
    [InlineData("340282366920938463463374607431768211456", "exceeds")] // 2^128
    [InlineData("9999999999999999999999999999999999999999", "exceeds")] // 40 digits
    [InlineData("this is forty characters of text, no dig", "digits only")] // long non-numbers say what is wrong
    public void NonCanonicalOrOutOfRange_IsRejected_WithAReason(string? text, string reasonPart)
    {
        Assert.False(Amount.TryParse(text, out _, out var error));
        Assert.Contains(reasonPart, error);
    }

    [Theory]
    [InlineData("10SER", 10_000_000)]
    [InlineData("0.5SER", 500_000)]
    [InlineData("0.5 SER", 500_000)]
    [InlineData("1.000001SER", 1_000_001)]
    [InlineData("0.000001SER", 1)]
    [InlineData("0SER", 0)]
    [InlineData("250", 250)]
    [InlineData("12ser", 12_000_000)]
    public void DisplayAmount_ParsesToBaseUnits(string text, ulong baseUnits)
    {
        Assert.True(Amount.TryParseDisplay(text, Ser.Decimals, Ser.Symbol, out var amount, out var error), error);
        Assert.Equal(new Amount(baseUnits), amount);
    }

    [Theory]
    [InlineData("0.0000001SER", "decimals")]
    [InlineData("SER", "not a decimal amount")]
    [InlineData(".5SER", "not a decimal amount")]
    [InlineData("1.2.3SER", "not a decimal amount")]
    [InlineData("-1SER", "not a decimal amount")]
    [InlineData("1,5SER", "not a decimal amount")]
    [InlineData("340282366920938463463374607431768211455SER", "exceeds")]
    [InlineData("0.5", "digits only")]
    public void BadDisplayAmount_IsRejected_WithAReason(string text, string reasonPart)
    {
        Assert.False(Amount.TryParseDisplay(text, Ser.Decimals, Ser.Symbol, out _, out var error));
        Assert.Contains(reasonPart, error);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "0.000001")]
    [InlineData(1_500_000, "1.5")]
    [InlineData(10_000_000, "10")]
    public void ToDisplay_TrimsTrailingZeros(ulong baseUnits, string expected) =>
        Assert.Equal(expected, new Amount(baseUnits).ToDisplay(Ser.Decimals));

    [Fact]
    public void Arithmetic_IsChecked()
    {
        Assert.Throws<OverflowException>(() => Amount.MaxValue + new Amount(1));
        Assert.Throws<OverflowException>(() => Amount.Zero - new Amount(1));
        Assert.False(Amount.MaxValue.TryAdd(new Amount(1), out _));
        Assert.True(new Amount(2).TryAdd(new Amount(3), out var sum));
        Assert.Equal(new Amount(5), sum);
        Assert.Equal(Ser.Whole(3), new Amount(3_000_000));
    }
}
