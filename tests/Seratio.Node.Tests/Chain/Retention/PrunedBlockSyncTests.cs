using Seratio.Node.Chain.Retention;
using Seratio.Node.Consensus;
using Seratio.Node.P2P;
using Seratio.Node.Tests.Consensus;
using Seratio.Node.Validators;

namespace Seratio.Node.Tests.Chain.Retention;

/// <summary>
/// Block sync against a node that pruned blocks: a request below its window gets a Pruned answer naming its earliest
/// block (not silence), a request inside it gets the blocks, and the asker stops asking that peer and turns to another.
/// </summary>
public sealed class PrunedBlockSyncTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void RequestBelowTheWindow_IsAnsweredPruned_AndTheAskerTurnsToAnotherPeer()
    {
        using var server = Pruning.Open(_dir.Sub("server"), new ChainRetention(2, 3));
        for (int i = 0; i < 8; i++) TestBlocks.CommitNext(server, []);
        new ChainPruner(server).Prune(100);
        Assert.Equal(6UL, server.EarliestBlockHeight);
        using var client = Pruning.Open(_dir.Sub("client"));

        var hub = new InMemoryPeerHub();
        var serverId = new PeerId(ConsensusChain.Key(0).PublicKey);
        var clientId = new PeerId(ConsensusChain.Key(1).PublicKey);
        var archiveId = new PeerId(ConsensusChain.Key(2).PublicKey);
        var serverSync = new BlockSync(server, hub.Join(serverId), new ValidatorSets(server), new ConsensusOptions(), TimeProvider.System);
        var clientSync = new BlockSync(client, hub.Join(clientId), new ValidatorSets(client), new ConsensusOptions(), TimeProvider.System);
        hub.Join(archiveId);

        serverSync.OnRequest(clientId, 1, 10);
        var answer = Assert.Single(hub.SentBy(serverId, PeerChannel.Sync));
        Assert.True(SyncMessages.TryDecode(answer, out var pruned));
        Assert.Equal((SyncKind.Pruned, 6UL), (pruned.Kind, pruned.Height));

        serverSync.OnRequest(clientId, 6, 10);
        var blocks = hub.SentBy(serverId, PeerChannel.Sync).Skip(1).ToList();
        Assert.Equal([6UL, 7UL, 8UL], blocks.Select(b => SyncMessages.TryDecode(b, out var m) && m.Kind == SyncKind.Block ? m.Height : 0UL));

        clientSync.OnStatus(serverId, 8);
        clientSync.OnStatus(archiveId, 7);
        Assert.Equal(serverId, clientSync.RequestIfBehind()!.Value.Peer); // the most advanced peer first
        Assert.True(clientSync.OnPruned(serverId, 6));
        Assert.Equal(archiveId, clientSync.RequestIfBehind()!.Value.Peer);
        Assert.False(clientSync.OnPruned(serverId, 1)); // a window it already passed means nothing
    }
}
