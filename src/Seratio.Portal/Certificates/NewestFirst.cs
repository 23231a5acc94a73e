using System.Globalization;

namespace Seratio.Portal.Certificates;

/// <summary>
/// The portal's <c>?before=ID</c> pages over the node's newest-first lists (ListCertificates and ListEntities with no
/// filter), whose page token is the decimal id a page starts at (node_api.proto). Stateless.
/// </summary>
public static class NewestFirst
{
    /// <summary>The node's page token for the ids below <paramref name="before"/>: empty (from the newest) for null or 0.</summary>
    public static string TokenBelow(ulong? before) =>
        before is { } b and > 0 ? (b - 1).ToString(CultureInfo.InvariantCulture) : "";

    /// <summary>The <c>before</c> of the older page: the lowest id shown when the node says more remain, else 0 (none).</summary>
    public static ulong Older(IEnumerable<ulong> shown, string nextPageToken) =>
        nextPageToken.Length > 0 && shown.Any() ? shown.Min() : 0;

    /// <summary>Whether the page asked for starts at the newest id (no "newest" link needed).</summary>
    public static bool IsNewest(ulong? before, ulong lastId) => before is null or 0 || before > lastId;
}
