using Xunit.Abstractions;
using Seratio.Core.Transactions;
using Seratio.Node.Mempool;

namespace Seratio.Node.Tests.Mempool;

public class TxPoolConcurrencyTests
{
    private readonly ITestOutputHelper _output;

    public TxPoolConcurrencyTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task ParallelAdmits_FromManyAccounts_KeepPerAccountNonceOrder()
    {
        const int accounts = 12, perAccount = 40, seed = 20261126;
        _output.WriteLine($"seed {seed}");
        var names = Enumerable.Range(0, accounts).Select(i => $"load-{i}").ToArray();
        // Shuffled nonces park up to perAccount - 1 of each sender until their gaps fill.
        var f = new PoolFixture(new MempoolOptions { MaxParkedPerAccount = perAccount }, funded: names);
        // Pre-sign so the parallel part is admission only; shuffle each account's nonces (seeded).
        var random = new Random(seed);
        var work = names.Select(name =>
        {
            var nonces = Enumerable.Range(0, perAccount).Select(n => (ulong)n).ToArray();
            random.Shuffle(nonces);
            return nonces.Select(n => TestTx.From(name).Nonce(n).Bytes()).ToArray();
        }).ToArray();

        var results = await Task.WhenAll(work.Select(txs => Task.Run(() => txs.Select(t => f.Pool.Admit(t)).ToList())));

        Assert.All(results.SelectMany(r => r), r => Assert.Equal(AdmitOutcome.Accepted, r.Outcome));
        Assert.Equal(accounts * perAccount, f.Pool.Count);
        var reaped = f.Pool.Reap(int.MaxValue, int.MaxValue);
        Assert.Equal(accounts * perAccount, reaped.Count);
        foreach (var group in reaped.GroupBy(t => t.Sender))
            Assert.Equal(Enumerable.Range(0, perAccount).Select(n => (ulong)n), group.Select(t => t.Nonce));
    }

    [Fact]
    public async Task ParallelAdmitsOfOneNonce_AcceptExactlyOne()
    {
        var f = new PoolFixture();
        var candidates = Enumerable.Range(1, 16).Select(a => TestTx.From("alice").Nonce(0).Amount((ulong)a).Bytes()).ToArray();
        var results = await Task.WhenAll(candidates.Select(bytes => Task.Run(() => f.Pool.Admit(bytes))));
        Assert.Single(results, r => r.IsAccepted);
        Assert.All(results.Where(r => !r.IsAccepted), r => Assert.Equal(AdmitOutcome.NonceTaken, r.Outcome));
    }

    [Fact]
    public async Task AdmitsDuringBlocks_NeverReapAUsedNonce()
    {
        var f = new PoolFixture(funded: ["alice", "bob"]);
        var admitting = Task.Run(() =>
        {
            for (ulong n = 0; n < 60; n++)
            {
                f.Pool.Admit(TestTx.From("alice").Nonce(n).Bytes());
                f.Pool.Admit(TestTx.From("bob").Nonce(n).Bytes());
            }
        });
        var committed = new List<SignedTx>();
        while (!admitting.IsCompleted || f.Pool.Count > 0)
        {
            var block = f.Chain.Commit(f.Pool.Reap(25, int.MaxValue));
            committed.AddRange(block.Txs);
            f.Pool.OnBlockCommitted(block);
            await Task.Yield();
        }
        await admitting;
        foreach (var group in committed.GroupBy(t => t.Sender))
            Assert.Equal(Enumerable.Range(0, group.Count()).Select(n => (ulong)n), group.Select(t => t.Nonce));
    }
}
