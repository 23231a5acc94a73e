using System.Globalization;

namespace Seratio.LoadGen;

/// <summary>
/// How the committed rate behaved around the kill of one validator, from whole-second commit
/// counts: the mean rate over the measured seconds before the kill, and the recovery time, the
/// end of the first second after the kill (seconds counted from the kill) whose commits reach
/// 90 % of that rate; and the longest run of seconds without a commit before and after the kill
/// (a stopped proposer's turn shows as such a gap, which the whole-second rate can hide). Immutable.
/// </summary>
internal sealed record Recovery(int KillSecond, double PreKillPerSecond, int? RecoverySeconds, double PostRecoveryPerSecond, long[] SecondsAfterKill,
    int LongestGapBefore, int LongestGapAfter)
{
    public const double Threshold = 0.9;

    /// <param name="perSecond">commits in each second of the run (second 0 = start of the warm-up)</param>
    /// <param name="windowStartSecond">first measured second</param>
    /// <param name="killSecond">the second at whose start the validator was killed</param>
    /// <param name="windowEndSecond">first second after the measured window</param>
    public static Recovery Measure(IReadOnlyList<long> perSecond, int windowStartSecond, int killSecond, int windowEndSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(killSecond, windowStartSecond);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(windowEndSecond, killSecond);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowEndSecond, perSecond.Count);
        double pre = Enumerable.Range(windowStartSecond, killSecond - windowStartSecond).Average(s => (double)perSecond[s]);
        int? recovered = null;
        // Without commits before the kill there is no rate to recover to.
        for (int s = killSecond; pre > 0 && s < windowEndSecond && recovered is null; s++)
            if (perSecond[s] >= Threshold * pre) recovered = s - killSecond + 1;
        int from = killSecond + (recovered ?? windowEndSecond - killSecond);
        double post = from < windowEndSecond ? Enumerable.Range(from, windowEndSecond - from).Average(s => (double)perSecond[s]) : double.NaN;
        var after = Enumerable.Range(killSecond, windowEndSecond - killSecond).Select(s => perSecond[s]).ToArray();
        var before = Enumerable.Range(windowStartSecond, killSecond - windowStartSecond).Select(s => perSecond[s]).ToArray();
        return new Recovery(killSecond, pre, recovered, post, after, LongestGap(before), LongestGap(after));
    }

    /// <summary>The longest run of consecutive seconds without a commit.</summary>
    internal static int LongestGap(IEnumerable<long> seconds)
    {
        int longest = 0, run = 0;
        foreach (var n in seconds)
        {
            run = n == 0 ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }

    public string ToText() => string.Create(CultureInfo.InvariantCulture, $"""
        kill              validator killed at second {KillSecond}; before it {PreKillPerSecond:N0} tx/s committed
        recovery          {(PreKillPerSecond <= 0 ? "nothing committed before the kill, so no rate to recover to" : RecoverySeconds is int r ? $"≤ {r} s to a second at ≥ 90 % of that rate; " + (double.IsNaN(PostRecoveryPerSecond) ? "that was the last second of the window" : $"{PostRecoveryPerSecond:N0} tx/s ({PostRecoveryPerSecond / PreKillPerSecond:P0}) from then to the end") : "not back to 90 % before the end of the window")}
        after the kill    {string.Join(' ', SecondsAfterKill)} commits per second
        longest gap       {LongestGapBefore} s without a commit before the kill, {LongestGapAfter} s after it
        """);
}
