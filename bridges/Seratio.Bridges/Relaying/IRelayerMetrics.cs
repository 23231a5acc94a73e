using System.Numerics;

namespace Seratio.Bridges.Relaying;

/// <summary>
/// What an <see cref="AnchorRelayer"/> reports for the operator's metrics (docs/operations.md, "Anchor relayer"), each
/// figure for its target. Implementations are thread safe: several relayers may report into one.
/// </summary>
public interface IRelayerMetrics
{
    /// <summary>The contract's last anchored height, and the lag: the node's latest checkpoint ready for the target minus it (0 when none is newer).</summary>
    void Anchored(string target, ulong anchoredHeight, ulong lag);

    /// <summary>A relayer transaction was mined (in a new block): <paramref name="gasUsed"/> gas at <paramref name="gasPriceWei"/> each.</summary>
    void GasSpent(string target, BigInteger gasUsed, BigInteger gasPriceWei);

    /// <summary>A checkpoint was sent for the first time.</summary>
    void Submitted(string target);

    /// <summary>A checkpoint was sent again with a fresh nonce (dropped transaction, reorg, reverted).</summary>
    void Resubmitted(string target);

    /// <summary>A stuck transaction was replaced with a higher fee (same nonce).</summary>
    void FeeBumped(string target);

    /// <summary>The contract refused a checkpoint in the dry run (other than a stale height).</summary>
    void Refused(string target);

    /// <summary>A round failed (RPC down, node unreachable).</summary>
    void RoundFailed(string target);

    /// <summary>The outbox holds <paramref name="counts"/> entries by state (every state named, zero included).</summary>
    void Outbox(string target, IReadOnlyDictionary<OutboxState, int> counts);
}

/// <summary>Metrics that go nowhere: the default. Stateless; thread safe.</summary>
public sealed class NullRelayerMetrics : IRelayerMetrics
{
    /// <summary>The one instance.</summary>
    public static readonly NullRelayerMetrics Instance = new();

    private NullRelayerMetrics()
    {
    }

    /// <inheritdoc />
    public void Anchored(string target, ulong anchoredHeight, ulong lag) { }

    /// <inheritdoc />
    public void GasSpent(string target, BigInteger gasUsed, BigInteger gasPriceWei) { }

    /// <inheritdoc />
    public void Submitted(string target) { }

    /// <inheritdoc />
    public void Resubmitted(string target) { }

    /// <inheritdoc />
    public void FeeBumped(string target) { }

    /// <inheritdoc />
    public void Refused(string target) { }

    /// <inheritdoc />
    public void RoundFailed(string target) { }

    /// <inheritdoc />
    public void Outbox(string target, IReadOnlyDictionary<OutboxState, int> counts) { }
}
