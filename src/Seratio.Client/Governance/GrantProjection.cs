using System.Globalization;
using System.Numerics;
using Seratio.Protocol;

namespace Seratio.Client.Governance;

/// <summary>
/// The stretch of a grant's conviction curve a page draws, from the grant's last stake change (<c>last_height</c>, where
/// the chain stored y) to an end: for an open grant, the height its conviction reaches the threshold with the stake and
/// the threshold as they are now (or a horizon when it does not within <see cref="MaxLookahead"/> blocks, its expiry
/// at the latest); for a closed one, the height it closed, read from the grant as it stood the block before.
/// Pure; thread safe.
/// </summary>
public sealed record GrantProjection(ConvictionCurve Curve, ulong EndHeight, ulong? ReachesAt, BigInteger? Threshold)
{
    /// <summary>The farthest ahead an open grant's passing height is searched for (the VM's checks look 1,000 blocks ahead; a page may look further).</summary>
    public const ulong MaxLookahead = 1_000_000;

    /// <summary>Blocks drawn beyond now at least, when the grant does not reach its threshold within the search.</summary>
    public const ulong MinHorizon = 20;

    /// <summary>
    /// An open grant's stretch as of <paramref name="now"/>, with <paramref name="threshold"/> the node's <c>threshold_now</c>
    /// ("" when it can never pass) and the decay of the DAF's parameters now.
    /// </summary>
    public static GrantProjection Open(GrantState grant, ulong now, string threshold, DafParams p)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(p);
        var curve = CurveOf(grant, p);
        BigInteger? tau = threshold.Length == 0 ? null : Parse(threshold, "threshold");
        ulong from = Math.Max(now, grant.LastHeight);
        ulong left = grant.ExpireHeight > from ? grant.ExpireHeight - from : 0;
        ulong? reaches = tau is { } t ? curve.FirstHeightReaching(t, from, Math.Min(left, MaxLookahead)) : null;
        ulong horizon = Math.Max(from - grant.LastHeight, MinHorizon);
        ulong end = reaches ?? Math.Max(from, Math.Min(grant.ExpireHeight, from + horizon));
        return new GrantProjection(curve, end, reaches, tau);
    }

    /// <summary>
    /// A closed grant's last stretch: <paramref name="before"/> is the grant as it stood at <c>closed_height − 1</c> (still
    /// open), <paramref name="thresholdBefore"/> its threshold then; the curve runs to <paramref name="closed"/>'s close.
    /// </summary>
    public static GrantProjection Closed(GrantState closed, GrantState before, string thresholdBefore, DafParams p)
    {
        ArgumentNullException.ThrowIfNull(closed);
        ArgumentNullException.ThrowIfNull(before);
        if (before.Id != closed.Id || before.Status != GrantStatus.Open || before.LastHeight > closed.ClosedHeight)
            throw new ArgumentException($"grant {before.Id} as read before its close is not the open grant {closed.Id} before height {closed.ClosedHeight}", nameof(before));
        var curve = CurveOf(before, p);
        BigInteger? tau = thresholdBefore.Length == 0 ? null : Parse(thresholdBefore, "threshold");
        return new GrantProjection(curve, closed.ClosedHeight, closed.Status == GrantStatus.Paid ? closed.ClosedHeight : null, tau);
    }

    private static ConvictionCurve CurveOf(GrantState grant, DafParams p) => new(
        grant.Conviction.Length == 0 ? BigInteger.Zero : Parse(grant.Conviction, "conviction"),
        grant.Staked.Length == 0 ? BigInteger.Zero : Parse(grant.Staked, "stake"),
        grant.LastHeight, p.ConvictionDecayNum, p.ConvictionDecayDen);

    private static BigInteger Parse(string text, string what) =>
        BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"the grant's {what} '{text}' is not a whole number");
}
