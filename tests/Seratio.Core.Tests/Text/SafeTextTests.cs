using Seratio.Core.Text;

namespace Seratio.Core.Tests.Text;

public sealed class SafeTextTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("devnet-1", "devnet-1")]
    [InlineData("ünïcødé ✓ 日本", "ünïcødé ✓ 日本")]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("a\r\nINFO forged line", "a\\r\\nINFO forged line")]
    [InlineData("tab\there", "tab\\there")]
    [InlineData("\u001b[2J\u001b[31mred", "\\u001B[2J\\u001B[31mred")]
    [InlineData("nul\0byte", "nul\\u0000byte")]
    [InlineData("del\u007f", "del\\u007F")]
    [InlineData("c1\u0085next-line\u009b", "c1\\u0085next-line\\u009B")]
    [InlineData("line\u2028separator\u2029para", "line\\u2028separator\\u2029para")]
    [InlineData("bidi\u202Eevil\u2066x\u2069", "bidi\\u202Eevil\\u2066x\\u2069")]
    [InlineData("zero\u200Bwidth\uFEFF", "zero\\u200Bwidth\\uFEFF")]
    [InlineData("pair 😀 kept", "pair 😀 kept")]
    public void Clip_EscapesControlCharacters_AndKeepsTheRest(string input, string expected)
    {
        Assert.Equal(expected, SafeText.Clip(input));
        Assert.Equal(input == expected, SafeText.IsClean(input));
    }

    [Fact]
    public void Clip_LoneSurrogates_AreEscaped() // not in the table: xunit's case names mangle lone surrogates
    {
        Assert.Equal("lone\\uD800surrogate\\uDC00", SafeText.Clip("lone\uD800surrogate\uDC00"));
        Assert.False(SafeText.IsClean("x\uDC00"));
    }

    [Fact]
    public void Clip_Null_IsEmpty() => Assert.Equal("", SafeText.Clip(null));

    [Fact]
    public void Clip_TextAtTheBound_IsKeptWhole()
    {
        var text = new string('x', SafeText.DefaultMaxChars);
        Assert.Same(text, SafeText.Clip(text));
    }

    [Theory]
    [InlineData(201)]
    [InlineData(1_000)]
    [InlineData(15_000_000)]
    public void Clip_LongText_IsCutWithinTheBound_AndSaysHowMuchIsLeftOut(int length)
    {
        var text = new string('c', length);
        var clipped = SafeText.Clip(text);
        Assert.True(clipped.Length <= SafeText.DefaultMaxChars, $"{clipped.Length} characters");
        int kept = clipped.IndexOf('…', StringComparison.Ordinal);
        Assert.True(kept > 100, clipped);
        Assert.EndsWith($"…({length - kept} more)", clipped);
    }

    [Theory]
    [InlineData("\n", 40)]
    [InlineData("\u001b", 40)]
    [InlineData("\u2028", 1_000_000)]
    [InlineData("ab\r\n", 1_000_000)]
    [InlineData("😀", 999)]
    public void Clip_RepeatedNastyText_StaysWithinTheBound_WithoutControlCharacters(string unit, int repeat)
    {
        var text = string.Concat(Enumerable.Repeat(unit, repeat));
        foreach (int bound in new[] { SafeText.MinMaxChars, 64, SafeText.DefaultMaxChars, 1_000 })
        {
            var clipped = SafeText.Clip(text, bound);
            Assert.True(clipped.Length <= bound, $"{clipped.Length} > {bound}");
            Assert.True(SafeText.IsClean(clipped), clipped);
            Assert.DoesNotContain('\n', clipped);
            Assert.DoesNotContain('\r', clipped);
        }
    }

    [Fact]
    public void Clip_NeverSplitsASurrogatePair()
    {
        var text = "a" + string.Concat(Enumerable.Repeat("😀", 100));
        var clipped = SafeText.Clip(text, 50);
        Assert.True(SafeText.IsClean(clipped), clipped);
        Assert.True(clipped.Length <= 50);
    }

    [Fact]
    public void Clip_BoundBelowTheMinimum_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SafeText.Clip("x", SafeText.MinMaxChars - 1));
}
