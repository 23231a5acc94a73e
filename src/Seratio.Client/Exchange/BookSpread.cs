using System.Globalization;
using System.Numerics;
using Seratio.Protocol;

namespace Seratio.Client.Exchange;

/// <summary>The gap between a book's best ask and best bid in words, exact for any price: shared by <c>seratio dex book</c> and the portal's market page. Pure.</summary>
public static class BookSpread
{
    /// <summary>"spread 3 (bid 105, ask 108)", or what is missing ("no spread: no bids").</summary>
    public static string Describe(OrderBookResponse book)
    {
        ArgumentNullException.ThrowIfNull(book);
        if (book.Asks.Count == 0 || book.Bids.Count == 0) return "no spread: " + (book.Asks.Count == 0 && book.Bids.Count == 0 ? "empty book" : book.Asks.Count == 0 ? "no asks" : "no bids");
        var bid = BigInteger.Parse(book.Bids[0].Price, NumberStyles.None, CultureInfo.InvariantCulture);
        var ask = BigInteger.Parse(book.Asks[0].Price, NumberStyles.None, CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"spread {ask - bid} (bid {book.Bids[0].Price}, ask {book.Asks[0].Price})");
    }
}
