using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Seratio.Portal.Pages.Shared;

/// <summary>
/// Paging through the node's lists for every page: the opaque page token a list page carries in its query (the node's
/// <c>next_page_token</c>, passed back unchanged), bounded in length before it reaches the node, and the links to the
/// first and the next page, which keep the page's other query values. Stateless.
/// </summary>
public static class NodePaging
{
    /// <summary>The query parameter of a list's page token, unless a page names another (a page with two lists).</summary>
    public const string Parameter = "page";

    /// <summary>The longest page token accepted; the node's are far shorter. Longer is a 400, before any call to the node.</summary>
    public const int MaxTokenChars = 128;

    /// <summary>What the 400 page says of a page token <see cref="TryToken"/> refused.</summary>
    public static readonly string BadToken = $"the page token is not one the node gave: at most {MaxTokenChars} printable characters, given once";

    /// <summary>The token in <paramref name="parameter"/> ("" when absent), or false when it is too long, repeated or not printable ASCII.</summary>
    public static bool TryToken(HttpRequest request, string parameter, out string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        token = "";
        var values = request.Query[parameter];
        if (values.Count == 0) return true;
        if (values.Count > 1) return false;
        var text = values[0] ?? "";
        if (text.Length > MaxTokenChars || text.Any(c => c is < '!' or > '~')) return false;
        token = text;
        return true;
    }

    /// <summary>The links of a list: to its first page when this is not it, to the next when the node named one.</summary>
    public static Pager Links(HttpRequest request, string parameter, string token, string nextToken, string label) =>
        new(token.Length == 0 ? null : Href(request, parameter, ""), nextToken.Length == 0 ? null : Href(request, parameter, nextToken), label);

    /// <summary>This page's path and query with <paramref name="parameter"/> set to <paramref name="token"/> (left out when "").</summary>
    public static string Href(HttpRequest request, string parameter, string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        var builder = new QueryBuilder();
        foreach (var (key, values) in query.OrderBy(q => q.Key, StringComparer.Ordinal))
            if (key != parameter) foreach (var value in values) builder.Add(key, value ?? "");
        if (token.Length > 0) builder.Add(parameter, token);
        return request.PathBase + request.Path + builder.ToQueryString();
    }
}

/// <summary>The first-page and next-page links of one list (null when there is none), and what the list is, for its label.</summary>
public sealed record Pager(string? FirstHref, string? NextHref, string Label);
