using Seratio.Consensus.Votes;

namespace Seratio.Consensus.Engine;

/// <summary>
/// Step timeouts: base + delta × round, capped at <see cref="MaxMs"/>, so that after GST the
/// timeouts eventually exceed the message delay (liveness) without growing without bound.
/// Defaults suit a LAN/WAN of partner organisations. Mutable options object; validate with <see cref="Validate"/>.
/// </summary>
public sealed class TimeoutOptions
{
    public long ProposeMs { get; set; } = 3000;
    public long ProposeDeltaMs { get; set; } = 500;
    public long PrevoteMs { get; set; } = 1000;
    public long PrevoteDeltaMs { get; set; } = 500;
    public long PrecommitMs { get; set; } = 1000;
    public long PrecommitDeltaMs { get; set; } = 500;
    /// <summary>No step timeout exceeds this, whatever the round.</summary>
    public long MaxMs { get; set; } = 30_000;

    /// <summary>The timeout of <paramref name="step"/> in <paramref name="round"/>, in milliseconds.</summary>
    public long DurationMs(VoteStep step, uint round)
    {
        var (baseMs, delta) = step switch
        {
            VoteStep.Propose => (ProposeMs, ProposeDeltaMs),
            VoteStep.Prevote => (PrevoteMs, PrevoteDeltaMs),
            VoteStep.Precommit => (PrecommitMs, PrecommitDeltaMs),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "unknown step"),
        };
        // Int128 so that a huge round saturates at the cap instead of overflowing.
        Int128 ms = (Int128)baseMs + (Int128)delta * round;
        return ms >= MaxMs ? MaxMs : (long)ms;
    }

    /// <summary>Null when valid, else what is wrong.</summary>
    public string? Validate()
    {
        if (ProposeMs <= 0 || PrevoteMs <= 0 || PrecommitMs <= 0) return "base timeouts must be positive";
        if (ProposeDeltaMs < 0 || PrevoteDeltaMs < 0 || PrecommitDeltaMs < 0) return "timeout deltas must not be negative";
        if (MaxMs < Math.Max(ProposeMs, Math.Max(PrevoteMs, PrecommitMs))) return "MaxMs must be at least every base timeout";
        return null;
    }
}
