using System.Globalization;
using System.Text;

namespace Seratio.Core.Text;

/// <summary>
/// Makes text that someone else chose (a peer's chain id, a request's page token, a symbol, an address)
/// safe to put in a log line or a gRPC status: the result is at most a stated number of characters and
/// holds no control character, so a 15 MB field cannot make a 15 MB log line and an embedded newline or
/// escape sequence cannot forge a log line or repaint a terminal. Control characters (C0, DEL, C1), line
/// and paragraph separators, bidirectional overrides, other invisible format characters and lone
/// surrogates are written as <c>\n</c>, <c>\r</c>, <c>\t</c> or <c>\uXXXX</c>; everything else is kept.
/// A cut text ends with <c>…(N more)</c>, N counting the input characters left out. Only the characters
/// that can appear in the result are read, so the cost is bounded by the limit, not by the input.
/// Stateless; thread safe.
/// </summary>
public static class SafeText
{
    /// <summary>The default bound, in characters of the result, for one echoed field.</summary>
    public const int DefaultMaxChars = 200;

    /// <summary>The smallest bound <see cref="Clip"/> accepts: room for a cut marker with a long count.</summary>
    public const int MinMaxChars = 32;

    /// <summary>
    /// <paramref name="value"/> with its control characters escaped, cut so that the result has at most
    /// <paramref name="maxChars"/> characters; null gives the empty string.
    /// </summary>
    public static string Clip(string? value, int maxChars = DefaultMaxChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, MinMaxChars);
        if (string.IsNullOrEmpty(value)) return "";
        if (value.Length <= maxChars && IsClean(value)) return value;

        var builder = new StringBuilder(Math.Min(maxChars, value.Length * 6));
        int read = Append(builder, value, 0, maxChars);
        if (read == value.Length) return builder.ToString();

        // Cut: start again with room for the marker, whose count has at most as many digits as the length.
        int reserve = Marker(value.Length).Length;
        builder.Clear();
        read = Append(builder, value, 0, maxChars - reserve);
        builder.Append(Marker(value.Length - read));
        return builder.ToString();
    }

    /// <summary>Whether <paramref name="value"/> holds no character that <see cref="Clip"/> would escape.</summary>
    public static bool IsClean(ReadOnlySpan<char> value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
            if (NeedsEscape(c)) return false;
        }
        return true;
    }

    /// <summary>Appends escaped characters of <paramref name="value"/> from <paramref name="start"/> while they fit in <paramref name="budget"/>; returns the index reached.</summary>
    private static int Append(StringBuilder builder, string value, int start, int budget)
    {
        int i = start;
        while (i < value.Length)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (builder.Length + 2 > budget) break;
                builder.Append(c).Append(value[i + 1]);
                i += 2;
                continue;
            }
            if (!NeedsEscape(c))
            {
                if (builder.Length + 1 > budget) break;
                builder.Append(c);
            }
            else
            {
                string escaped = Escape(c);
                if (builder.Length + escaped.Length > budget) break;
                builder.Append(escaped);
            }
            i++;
        }
        return i;
    }

    private static string Marker(int more) => "…(" + more.ToString(CultureInfo.InvariantCulture) + " more)";

    private static bool NeedsEscape(char c) =>
        c < 0x20 || c is >= '\u007F' and <= '\u009F'
        || c is '\u2028' or '\u2029'                 // line and paragraph separators
        || c is >= '\u200B' and <= '\u200F'          // zero-width characters, LRM, RLM
        || c is >= '\u202A' and <= '\u202E'          // bidirectional embeddings and overrides
        || c is >= '\u2066' and <= '\u2069'          // bidirectional isolates
        || c is '\uFEFF' or '\u061C'
        || char.IsSurrogate(c);                      // a surrogate not in a pair (pairs are kept above)

    private static string Escape(char c) => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
    };
}
