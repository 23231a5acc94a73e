using System.Globalization;
using Seratio.Core.Text;

namespace Seratio.Node.Api.Queries;

/// <summary>
/// Page sizes and page tokens of the list queries: a size of 0 means <see cref="DefaultPageSize"/>, more
/// than <see cref="MaxPageSize"/> is InvalidArgument; a token is the decimal position (or last id) the
/// previous page stopped at, and anything else is InvalidArgument. Stateless; thread safe.
/// </summary>
internal static class Paging
{
    public const uint DefaultPageSize = 50;
    public const uint MaxPageSize = 100;

    /// <summary>The page size to use for <paramref name="requested"/>.</summary>
    public static int Size(uint requested)
    {
        if (requested > MaxPageSize)
            throw ApiErrors.Invalid($"page_size {requested} is above {MaxPageSize}; ask for at most {MaxPageSize} per page");
        return (int)(requested == 0 ? DefaultPageSize : requested);
    }

    /// <summary>The page size to use for <paramref name="requested"/> in a list whose own default and maximum differ from the common ones.</summary>
    public static int Size(uint requested, uint defaultSize, uint maxSize)
    {
        if (requested > maxSize)
            throw ApiErrors.Invalid($"page_size {requested} is above {maxSize}; ask for at most {maxSize} per page, or 0 for {defaultSize}");
        return (int)(requested == 0 ? defaultSize : requested);
    }

    /// <summary>The position a <paramref name="token"/> this node gave stands for; 0 for the empty token (the first page).</summary>
    public static ulong Position(string token)
    {
        if (token.Length == 0) return 0;
        return ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            ? position
            : throw InvalidToken(token);
    }

    /// <summary>
    /// The id a newest-first page over a gap-free counter starts at: <paramref name="lastId"/> for the empty token (the
    /// first page), else the token's id, never above <paramref name="lastId"/> ("0": nothing left).
    /// </summary>
    public static ulong NewestFirstTop(string token, ulong lastId) => token.Length == 0 ? lastId : Math.Min(Position(token), lastId);

    /// <summary>The token of the page that starts after <paramref name="position"/>.</summary>
    public static string Token(ulong position) => position.ToString(CultureInfo.InvariantCulture);

    /// <summary>InvalidArgument for a token this node did not give, echoing it clipped and escaped (a client may send megabytes).</summary>
    public static Grpc.Core.RpcException InvalidToken(string token) =>
        ApiErrors.Invalid($"page_token '{SafeText.Clip(token, ApiErrors.EchoChars)}' is not one this node gave; pass next_page_token of the previous page, or empty for the first");
}
