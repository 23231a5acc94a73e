namespace Seratio.Node.Consensus;

/// <summary>A snapshot of where consensus is, for GetStatus. Implementations are thread safe (values may be a moment old).</summary>
public interface IConsensusStatus
{
    /// <summary>The height consensus works on; 0 when this node does not vote.</summary>
    ulong Height { get; }

    uint Round { get; }

    /// <summary>Connected peers.</summary>
    int Peers { get; }
}
