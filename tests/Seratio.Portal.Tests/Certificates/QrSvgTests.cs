using Seratio.Portal.Certificates;

namespace Seratio.Portal.Tests.Certificates;

public sealed class QrSvgTests
{
    [Fact]
    public void TheQrCode_IsAnAccessibleSvgWithoutInlineStyles_AndTheSameEachTime()
    {
        var svg = QrSvg.Render("http://127.0.0.1:9490/certificates/1", "QR code of <this> page");
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", svg, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"QR code of &lt;this&gt; page\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("style", svg, StringComparison.Ordinal);
        Assert.Contains("<path d=\"M", svg, StringComparison.Ordinal);
        Assert.Equal(svg, QrSvg.Render("http://127.0.0.1:9490/certificates/1", "QR code of <this> page"));
        Assert.NotEqual(svg, QrSvg.Render("http://127.0.0.1:9490/certificates/2", "QR code of <this> page"));
    }

    [Fact]
    public void TextBeyondTheBound_IsRefused() =>
        Assert.Throws<ArgumentException>(() => QrSvg.Render(new string('a', QrSvg.MaxText + 1), "x"));
}
