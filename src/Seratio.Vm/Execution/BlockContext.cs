using Seratio.Core.Addressing;
using Seratio.Core.Chain;

namespace Seratio.Vm.Execution;

/// <summary>What a block gives its transactions: the only clock and identity state may read.</summary>
public sealed record BlockContext(string ChainId, ulong Height, long TimeUnixMs, Address Proposer, ChainParams Params)
{
    /// <summary>The evidence the block commits, in block order, already verified by the node (begin-block records it).</summary>
    public IReadOnlyList<BlockEvidence> Evidence { get; init; } = [];
}
