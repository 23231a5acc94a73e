using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Node.Chain;

/// <summary>A block as committed: the block, its hash, the commit certifying it, its decoded transactions and receipts.</summary>
public sealed record CommittedBlock(Block Block, Hash32 Hash, Commit Commit, IReadOnlyList<SignedTx> Txs, IReadOnlyList<Receipt> Receipts)
{
    public ulong Height => Block.Header.Height;
}
