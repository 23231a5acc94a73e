using Seratio.Cli.Cli;

namespace Seratio.Cli.Tests.Cli;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("plain memo", "plain memo")]
    [InlineData("line\nnext", @"line\nnext")]
    [InlineData("a\r\nb", @"a\r\nb")]
    [InlineData("col\tcol", @"col\tcol")]
    [InlineData("\u001b[2J\nevent: transfer FAKE", @"\x1b[2J\nevent: transfer FAKE")]
    [InlineData("bell\u0007del\u007f", @"bell\x07del\x7f")]
    [InlineData("csi\u009b2J", @"csi\u{009b}2J")]
    [InlineData("txt\u202egnp.exe", @"txt\u{202e}gnp.exe")]
    [InlineData("isolate\u2066x\u2069", @"isolate\u{2066}x\u{2069}")]
    [InlineData("sep\u2028line", @"sep\u{2028}line")]
    [InlineData("café ✓ 日本", "café ✓ 日本")]
    public void Escape_MakesEveryControlCharacterVisible(string text, string expected) =>
        Assert.Equal(expected, TerminalText.Escape(text));

    [Fact]
    public void Escape_WithKeepTabs_KeepsOnlyTabs() =>
        Assert.Equal("a\tb\\n\\x1b", TerminalText.Escape("a\tb\n\u001b", keepTabs: true));

    [Fact]
    public void Escape_OfSafeText_ReturnsTheSameInstance()
    {
        const string text = "nothing to escape";

        Assert.Same(text, TerminalText.Escape(text));
    }
}
