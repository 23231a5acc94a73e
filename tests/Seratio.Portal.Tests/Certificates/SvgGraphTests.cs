using Seratio.Portal.Graphs;

namespace Seratio.Portal.Tests.Certificates;

public sealed class SvgGraphTests
{
    [Fact]
    public void EveryBoxIsALink_ThePictureHasATextAlternative_TextIsEscaped_AndNothingIsStyledInline()
    {
        var svg = SvgGraph.Render("g", "two <records>",
            [new("a", 10, 10, "record 1", "object <plot>", "/records/1", "record"), new("b", 210, 10, "record 2", "", "/records/2", "focus")],
            [new("a", "b"), new("a", "missing")], 400, 60);
        Assert.Contains("<g role=\"img\" aria-label=\"two &lt;records&gt;\">", svg, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/records/1\"", svg, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/records/2\"", svg, StringComparison.Ordinal);
        Assert.Contains("object &lt;plot&gt;", svg, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(svg, "<line "));
        Assert.DoesNotContain("style=", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void LongLines_AreCut_WithAnEllipsis()
    {
        var svg = SvgGraph.Render("g", "s", [new("a", 0, 0, new string('x', 40), "", "/x", "record")], [], 200, 60);
        Assert.Contains(new string('x', SvgGraph.MaxLine - 1) + "…", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', SvgGraph.MaxLine), svg, StringComparison.Ordinal);
    }
}
