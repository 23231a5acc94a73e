using Grpc.Core;

namespace Seratio.Portal.Certificates;

/// <summary>
/// Finds the highest id of a chain counter that starts at 1 and has no gaps (microshare classes), for counts the node's
/// API does not give: a doubling search then a binary search, each step one "does id N exist" question. Bounded by
/// <see cref="MaxProbes"/> questions. Stateless.
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
}
