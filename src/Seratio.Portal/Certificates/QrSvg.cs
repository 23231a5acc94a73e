using System.Globalization;
using System.Text;
using QRCoder;

namespace Seratio.Portal.Certificates;

/// <summary>
/// A QR code (QRCoder, error correction M) drawn as one SVG path of dark modules on a light square, with no style
/// attributes (the portal's CSP forbids inline styles). Pure.
/// </summary>
public static class QrSvg
{
    /// <summary>The longest text encoded (a page's absolute URL).</summary>
    public const int MaxText = 512;

    /// <summary>The SVG markup of <paramref name="text"/>'s QR code, labelled by <paramref name="label"/> (role="img").</summary>
    public static string Render(string text, string label)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxText) throw new ArgumentException($"at most {MaxText} characters are encoded", nameof(text));
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        int size = matrix.Count;
        var path = new StringBuilder();
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                if (matrix[y][x]) path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
        string escaped = System.Net.WebUtility.HtmlEncode(label);
        return $"<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"{size * 4}\" height=\"{size * 4}\" role=\"img\" aria-label=\"{escaped}\" shape-rendering=\"crispEdges\">"
            + $"<title>{escaped}</title><rect width=\"{size}\" height=\"{size}\" fill=\"#ffffff\"/><path d=\"{path}\" fill=\"#000000\"/></svg>";
    }
}
