using Grpc.Core;

namespace Seratio.Portal.Certificates;

/// <summary>
/// Finds the highest id of a chain counter that starts at 1 and has no gaps (certificates, entities, classes), for
/// lists the node's API pages only by subject or controller: a doubling search then a binary search, each step one
/// "does id N exist" question. Bounded by <see cref="MaxProbes"/> questions. Stateless.
/// </summary>
public static class IdProbe
{
    /// <summary>The most existence questions one search asks (enough for ids up to 2^31).</summary>
    public const int MaxProbes = 64;

    /// <summary>The highest existing id (0: none), asking <paramref name="exists"/>.</summary>
    public static async Task<ulong> HighestAsync(Func<ulong, CancellationToken, Task<bool>> exists, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(exists);
        int probes = 0;
        async Task<bool> Ask(ulong id)
        {
            if (++probes > MaxProbes) throw new InvalidOperationException($"more than {MaxProbes} probes to find the highest id");
            return await exists(id, ct).ConfigureAwait(false);
        }
        if (!await Ask(1)) return 0;
        ulong lo = 1, hi = 2;
        while (await Ask(hi))
        {
            lo = hi;
            if (hi >= 1UL << 31) return lo;
            hi *= 2;
        }
        // exists(lo), !exists(hi)
        while (hi - lo > 1)
        {
            ulong mid = lo + (hi - lo) / 2;
            if (await Ask(mid)) lo = mid; else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// One page of a gap-free counter's objects, newest first: the ids below <paramref name="before"/> (null or 0: from
    /// the newest), at most <paramref name="pageSize"/>, each read by <paramref name="read"/>, which also answers the
    /// search for the newest (NotFound: no such id).
    /// </summary>
    public static async Task<IdPage<T>> NewestFirstAsync<T>(Func<ulong, CancellationToken, Task<T>> read, ulong? before, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        ulong newest = await HighestAsync(async (id, token) =>
        {
            try { await read(id, token).ConfigureAwait(false); return true; }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound) { return false; }
        }, ct).ConfigureAwait(false);
        ulong top = before is { } b && b > 0 ? Math.Min(b - 1, newest) : newest;
        var rows = new List<T>();
        for (ulong id = top; id >= 1 && rows.Count < pageSize; id--)
            rows.Add(await read(id, ct).ConfigureAwait(false));
        ulong lowest = top + 1 - (ulong)rows.Count;
        return new IdPage<T>(rows, newest, top, rows.Count > 0 && lowest > 1 ? lowest : 0);
    }
}

/// <summary>A page of <see cref="IdProbe.NewestFirstAsync"/>: its rows, the newest id, the page's top id, and the <c>before</c> of the older page (0: none).</summary>
public sealed record IdPage<T>(IReadOnlyList<T> Rows, ulong Newest, ulong Top, ulong Next);
