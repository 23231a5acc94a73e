using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;

namespace Seratio.Vm.Execution;

/// <summary>What a block gives its transactions: the only clock and identity state may read, and what execution may know of the parent. Immutable.</summary>
public sealed record BlockContext(string ChainId, ulong Height, long TimeUnixMs, Address Proposer, ChainParams Params)
{
    /// <summary>The evidence the block commits, in block order, already verified by the node (begin-block records it).</summary>
    public IReadOnlyList<BlockEvidence> Evidence { get; init; } = [];

    /// <summary>The hash of the parent block (the header's parent_hash); zero only where no checkpoint can fall (tests, height 1).</summary>
    public Hash32 ParentHash { get; init; }

    /// <summary>The parent block's post-state root, which its header carries; the anchor module's checkpoints read it.</summary>
    public Hash32 ParentStateRoot { get; init; }
}
