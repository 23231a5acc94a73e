using System.Globalization;
using System.Text;

namespace Seratio.Cli.Cli;

/// <summary>
/// Makes text safe to write to a terminal: every control character (C0, DEL, C1), the Unicode
/// line and paragraph separators and the bidirectional overrides become visible escapes
/// (<c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\x1b</c>, <c>\u{202e}</c>), so a string from the chain can
/// neither move the cursor, clear the screen nor start a line of its own. Pure and thread safe.
/// </summary>
internal static class TerminalText
{
    /// <summary><paramref name="text"/> with every unsafe character escaped; the same instance when there is none.</summary>
    public static string Escape(string text) => Escape(text, keepTabs: false);

    /// <summary>
    /// Like <see cref="Escape(string)"/>, except that tabs are kept when <paramref name="keepTabs"/>
    /// is set: the printer's own column separator (cells from the chain escape theirs first, see
    /// <see cref="Printer.Row"/>).
    /// </summary>
    public static string Escape(string text, bool keepTabs)
    {
        ArgumentNullException.ThrowIfNull(text);
        int first = FirstUnsafe(text, keepTabs);
        if (first < 0) return text;
        var builder = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (!IsUnsafe(c, keepTabs)) { builder.Append(c); continue; }
            builder.Append(c switch
            {
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                < '\u0080' => @"\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => @"\u{" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) + "}",
            });
        }
        return builder.ToString();
    }

    private static int FirstUnsafe(string text, bool keepTabs)
    {
        for (int i = 0; i < text.Length; i++)
            if (IsUnsafe(text[i], keepTabs)) return i;
        return -1;
    }

    private static bool IsUnsafe(char c, bool keepTabs) => c switch
    {
        '\t' => !keepTabs,
        < ' ' => true,
        >= '\u007f' and <= '\u009f' => true,
        '\u2028' or '\u2029' => true,
        // Bidirectional marks, embeddings, overrides and isolates reorder what the reader sees.
        '\u061c' or '\u200e' or '\u200f' => true,
        >= '\u202a' and <= '\u202e' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };
}
