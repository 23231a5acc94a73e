using CsCheck;

namespace Seratio.Node.Tests.Mempool;

public class ReapPropertyTests
{
    private static readonly string[] Senders = ["alice", "bob", "carol"];
    // Pre-signed pool of candidate transactions: sender × nonce 0..7.
    private static readonly byte[][][] Signed =
        Senders.Select(s => Enumerable.Range(0, 8).Select(n => TestTx.From(s).Nonce((ulong)n).Bytes()).ToArray()).ToArray();

    [Fact]
    public void Reap_AnyArrivalOrder_GivesEachSenderAGaplessRunFromItsNonce()
    {
        // A random sequence of (sender, nonce) arrivals, duplicates and gaps included.
        // CsCheck prints the failing seed; replay with Sample(..., seed: "<seed>").
        var arrivals = Gen.Select(Gen.Int[0, Senders.Length - 1], Gen.Int[0, 7]).List[0, 40];
        arrivals.Sample(list =>
        {
            var f = new PoolFixture();
            foreach (var (sender, nonce) in list) f.Pool.Admit(Signed[sender][nonce]);
            var reaped = f.Pool.Reap(int.MaxValue, int.MaxValue);
            foreach (var (sender, index) in Senders.Select((s, i) => (s, i)))
            {
                var nonces = reaped.Where(t => t.Sender == TestTx.Key(sender).Address).Select(t => t.Nonce).ToList();
                var held = list.Where(a => a.Item1 == index).Select(a => (ulong)a.Item2).ToHashSet();
                ulong expectedRun = 0;
                while (held.Contains(expectedRun)) expectedRun++;
                if (!nonces.SequenceEqual(Enumerable.Range(0, (int)expectedRun).Select(n => (ulong)n))) return false;
            }
            return true;
        }, iter: 60);
    }
}
