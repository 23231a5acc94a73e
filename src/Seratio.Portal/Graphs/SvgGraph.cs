using System.Globalization;
using System.Net;
using System.Text;

namespace Seratio.Portal.Graphs;

/// <summary>A box of a drawn graph: where it stands, its one or two lines of text, and the page it links to.</summary>
public sealed record SvgBox(string Key, int X, int Y, string Line1, string Line2, string Href, string Kind);

/// <summary>An arrow from one box to another (by <see cref="SvgBox.Key"/>).</summary>
public sealed record SvgArrow(string From, string To);

/// <summary>
/// Draws boxes and arrows as SVG with no style attributes (the CSP forbids inline styles): the arrows and the picture's
/// summary sit in a <c>g role="img"</c> with a text alternative, and every box is a link (an SVG <c>a</c> named by its
/// visible text), reachable by keyboard. Deterministic: the same boxes give the same markup. Pure.
/// </summary>
public static class SvgGraph
{
    public const int BoxWidth = DepthLayout.NodeWidth;
    public const int BoxHeight = DepthLayout.NodeHeight;

    /// <summary>The most characters of a box's line drawn (the whole text is in the link's name and the text beside).</summary>
    public const int MaxLine = 22;

    public static string Render(string id, string summary, IReadOnlyList<SvgBox> boxes, IReadOnlyList<SvgArrow> arrows, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        ArgumentNullException.ThrowIfNull(arrows);
        var byKey = boxes.ToDictionary(b => b.Key, StringComparer.Ordinal);
        var s = new StringBuilder();
        string e(string t) => WebUtility.HtmlEncode(t);
        s.Append(CultureInfo.InvariantCulture, $"<svg id=\"{e(id)}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"group\" aria-labelledby=\"{e(id)}-title\">");
        s.Append(CultureInfo.InvariantCulture, $"<title id=\"{e(id)}-title\">{e(summary)}</title>");
        s.Append(CultureInfo.InvariantCulture, $"<defs><marker id=\"{e(id)}-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" fill=\"#505a64\"/></marker></defs>");
        s.Append(CultureInfo.InvariantCulture, $"<g role=\"img\" aria-label=\"{e(summary)}\">");
        foreach (var a in arrows)
        {
            if (!byKey.TryGetValue(a.From, out var f) || !byKey.TryGetValue(a.To, out var t)) continue;
            var (x1, y1, x2, y2) = Ends(f, t);
            s.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" stroke=\"#505a64\" stroke-width=\"1.5\" marker-end=\"url(#{e(id)}-arrow)\"/>");
        }
        s.Append("</g>");
        foreach (var b in boxes)
        {
            // The link's name is its visible text (one text element, two lines), so speech and sight agree.
            s.Append(CultureInfo.InvariantCulture, $"<a href=\"{e(b.Href)}\" class=\"node node-{e(b.Kind)}\" data-key=\"{e(b.Key)}\">");
            s.Append(CultureInfo.InvariantCulture, $"<rect x=\"{b.X}\" y=\"{b.Y}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"6\" fill=\"{Fill(b.Kind)}\" stroke=\"#0b5c4b\" stroke-width=\"1.5\"/>");
            s.Append(CultureInfo.InvariantCulture, $"<text font-size=\"12\" fill=\"#1b1f23\"><tspan x=\"{b.X + 8}\" y=\"{b.Y + (b.Line2.Length > 0 ? 16 : 25)}\" font-weight=\"600\">{e(Cut(b.Line1))}</tspan>");
            if (b.Line2.Length > 0)
                s.Append(CultureInfo.InvariantCulture, $" <tspan x=\"{b.X + 8}\" y=\"{b.Y + 32}\" font-size=\"11\">{e(Cut(b.Line2))}</tspan>");
            s.Append("</text>");
            s.Append("</a>");
        }
        s.Append("</svg>");
        return s.ToString();
    }

    private static string Cut(string line) => line.Length <= MaxLine ? line : line[..(MaxLine - 1)] + "…";

    private static string Fill(string kind) => kind switch
    {
        "focus" => "#d7efe8",
        "frozen" => "#f8d7da",
        "certificate" => "#e8f0fe",
        "holder" => "#fff4d6",
        _ => "#f3f5f7",
    };

    /// <summary>From the side of one box to the facing side of the other.</summary>
    private static (int, int, int, int) Ends(SvgBox f, SvgBox t)
    {
        if (t.X > f.X) return (f.X + BoxWidth, f.Y + BoxHeight / 2, t.X - 2, t.Y + BoxHeight / 2);
        if (t.X < f.X) return (f.X, f.Y + BoxHeight / 2, t.X + BoxWidth + 2, t.Y + BoxHeight / 2);
        return t.Y > f.Y
            ? (f.X + BoxWidth / 2, f.Y + BoxHeight, t.X + BoxWidth / 2, t.Y - 2)
            : (f.X + BoxWidth / 2, f.Y, t.X + BoxWidth / 2, t.Y + BoxHeight + 2);
    }
}
