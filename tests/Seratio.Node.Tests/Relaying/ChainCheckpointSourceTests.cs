using Seratio.Node.Relaying;
using Seratio.Node.Tests.Anchoring;
using Seratio.Node.Tests.Mempool;

namespace Seratio.Node.Tests.Relaying;

/// <summary>The hosted relayers' source: the checkpoints ready for a target above a height, ascending, read from committed state.</summary>
public sealed class ChainCheckpointSourceTests
{
    private static readonly Core.Crypto.SigningKey V = Core.Crypto.SigningKey.ForTesting("node-tests/relaying/v");

    [Fact]
    public async Task ReadyAbove_GivesTheTargetsReadyCheckpoints_AboveTheHeight_Ascending()
    {
        var chain = new FakeChain();
        var records = Enumerable.Range(1, 5).Select(i => CheckpointFixtures.Record((ulong)i * 10, (V, CheckpointFixtures.AnchorKey("v")))).ToArray();
        foreach (var height in new ulong[] { 10, 30, 40 }) records[(int)(height / 10) - 1].Targets.Single(t => t.Target.Name == "eth").Ready = true;
        records[4].Targets.Single(t => t.Target.Name == "etc").Ready = true;
        CheckpointFixtures.Store(chain, records);
        chain.Commit();
        var source = new ChainCheckpointSource(chain);

        Assert.Equal([10UL, 30UL, 40UL], (await source.ReadyAboveAsync("eth", 0, CancellationToken.None)).Select(c => c.Height));
        Assert.Equal([30UL, 40UL], (await source.ReadyAboveAsync("eth", 10, CancellationToken.None)).Select(c => c.Height));
        Assert.Empty(await source.ReadyAboveAsync("eth", 40, CancellationToken.None));
        Assert.Equal([50UL], (await source.ReadyAboveAsync("etc", 0, CancellationToken.None)).Select(c => c.Height));
        Assert.Empty(await source.ReadyAboveAsync("xyz", 0, CancellationToken.None));
        // What the relayer submits is the record as stored, signatures and all.
        var call = (await source.ReadyAboveAsync("eth", 30, CancellationToken.None)).Single().ToCall();
        Assert.Equal(records[3].StateRoot.ToByteArray(), call.Checkpoint.StateRoot);
    }

    [Fact]
    public async Task ReadyAbove_OnAChainWithoutCheckpoints_IsEmpty()
    {
        var chain = new FakeChain();
        chain.Commit();
        Assert.Empty(await new ChainCheckpointSource(chain).ReadyAboveAsync("eth", 0, CancellationToken.None));
    }
}
