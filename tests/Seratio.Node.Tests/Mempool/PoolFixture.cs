using Seratio.Core.Chain;
using Seratio.Node.Mempool;
using Seratio.Node.Mempool.Admission;

namespace Seratio.Node.Tests.Mempool;

/// <summary>A fake chain with funded test accounts and a pool over it.</summary>
internal sealed class PoolFixture
{
    public PoolFixture(MempoolOptions? options = null, ChainParams? parameters = null, params string[] funded)
    {
        Chain = new FakeChain(parameters);
        foreach (var name in funded.Length == 0 ? ["alice", "bob", "carol"] : funded)
            Chain.Fund(TestTx.Key(name), 1_000_000);
        Cache = new VerifiedSignatureCache(10_000);
        Pool = new TxPool(Chain, options ?? new MempoolOptions(), Cache, new VmAdmissionPolicy());
    }

    public FakeChain Chain { get; }
    public VerifiedSignatureCache Cache { get; }
    public TxPool Pool { get; }

    public AdmitResult Admit(TestTx tx) => Pool.Admit(tx.Bytes());

    /// <summary>Commits what the pool would propose (everything), and tells the pool.</summary>
    public void CommitReaped(int maxTxs = int.MaxValue)
    {
        var block = Chain.Commit(Pool.Reap(maxTxs, int.MaxValue));
        Pool.OnBlockCommitted(block);
    }
}
