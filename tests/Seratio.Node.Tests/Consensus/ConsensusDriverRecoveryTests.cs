using Seratio.Consensus.Messages;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Node.Consensus;
using Seratio.Node.P2P;
using Seratio.Node.Tests.Chain;
using Seratio.Protocol;

namespace Seratio.Node.Tests.Consensus;

/// <summary>The driver's loop on fake time through a restart mid-height and through a cut-off validator that syncs back.</summary>
[Collection(DriverClusters.Name)]
public sealed class ConsensusDriverRecoveryTests
{
    [Fact]
    public async Task RestartedDriver_ResumesFromItsWal_AndDoesNotDoubleSign()
    {
        await using var cluster = DriverCluster.Create(4);
        // Precommits reach nobody: every validator locks on the proposal and precommits it, and the height waits there.
        cluster.Hub.Drop = (_, channel, payload) => channel == PeerChannel.Consensus && IsPrecommit(payload);
        await cluster.StartAsync();
        var proposer = cluster.ProposerOf(1, 0);
        await DriverCluster.WaitUntil(() => cluster.Nodes.All(n => n.SignerState.Load()?.State is { Height: 1, Round: 0, Step: VoteStep.Precommit }),
            "every validator precommitted in round 0");
        var proposed = proposer.SignerState.Load()!.State.BlockHash;
        Assert.False(proposed.IsZero);

        // The proposer crashes (what was not synced is lost) and comes back with a transaction it did not have:
        // a block built afresh would differ from the one it proposed and precommitted.
        await proposer.StopAsync();
        proposer.Wal.LoseUnsynced();
        proposer.Pool.Add(Build.Transfer(Build.Alice, Build.Bob.Address, 3, 0));
        int sentBefore = cluster.Hub.SentBy(proposer.Id, PeerChannel.Consensus).Count;
        await proposer.StartAsync();
        // Recovered from the WAL, it re-sends what it signed before the crash, its precommit of the proposed block
        // included, before any time passes; a validator starting the height afresh would have to wait for its peers.
        await DriverCluster.WaitUntil(() => cluster.Hub.SentBy(proposer.Id, PeerChannel.Consensus).Skip(sentBefore)
                .Select(p => ConsensusMessage.Parser.ParseFrom(p).Vote)
                .Any(v => v is { Type: VoteType.Precommit, Height: 1, Round: 0 } && new PublicKey(v.Validator.Span) == proposer.PublicKey
                          && new Hash32(v.BlockHash.Span) == proposed),
            "the restarted proposer re-sends its precommit from the WAL");

        // No step timeout is due before 1000 ms (and none moves round 0 on: there is no quorum of precommits);
        // the second tick re-sends what the stuck height needs.
        cluster.Hub.Drop = null;
        cluster.Time.Advance(DriverCluster.Tick);
        await Task.Delay(50);
        cluster.Time.Advance(DriverCluster.Tick);
        await DriverCluster.WaitUntil(() => cluster.Nodes.All(n => n.Head == 1), "height 1 committed");

        var block = cluster.Nodes[0].Chain.GetBlock(1)!;
        Assert.Equal(proposed, block.Hash);
        Assert.Equal(0u, block.Commit!.Round);
        Assert.Equal(0u, block.Block.Header.TxCount);
        DriverCluster.AssertSameChain(cluster.Nodes, 1);
        AssertNoConflictingSignatures(cluster.Hub.SentBy(proposer.Id, PeerChannel.Consensus), proposer.PublicKey);
        Assert.Equal(new SignerStateKey(1, 0, VoteStep.Precommit, proposed), SignerStateKey.Of(proposer));
    }

    [Fact]
    public async Task CutOffDriver_CatchesUpByBlockSync_AndVotesAgain()
    {
        await using var cluster = DriverCluster.Create(4);
        await cluster.StartAsync();
        var step = TimeSpan.FromMilliseconds(50);
        // Moving fake time too: should a first proposal be missed on a slow machine, the round's timeout recovers it.
        await cluster.RunUntil(() => cluster.Nodes.All(n => n.Head >= 1), "height 1 committed by all", step, TimeSpan.FromSeconds(60));
        var cut = cluster.Nodes[^1];
        var others = cluster.Nodes.Where(n => n != cut).ToArray();

        cluster.Hub.Isolate(cut.Id);
        ulong cutHead = cut.Head;
        await cluster.RunUntil(() => others.All(n => n.Head >= cutHead + 5), $"the other three at height {cutHead + 5}", step, TimeSpan.FromSeconds(120));
        Assert.Equal(cutHead, cut.Head);
        ulong tip = others.Min(n => n.Head);

        cluster.Hub.Reconnect(cut.Id);
        await cluster.RunUntil(() => cut.Head >= tip, $"the cut-off validator at height {tip}", step, TimeSpan.FromSeconds(60));
        Assert.Contains(cluster.Hub.SentBy(cut.Id, PeerChannel.Sync),
            p => SyncMessages.TryDecode(p, out var m) && m.Kind == SyncKind.Request && m.Height == cutHead + 1);
        // Back in consensus: a later height carries its precommit. A commit holds the first quorum of precommits a node
        // saw, so on a slow machine one height's commits may all lack it: look at every node's commits from then on.
        ulong from = cluster.Nodes.Max(n => n.Head) + 1;
        await cluster.RunUntil(() => cluster.Nodes.All(n => n.Head > from) && SignedFrom(cluster.Nodes, from, cut),
            $"a commit from height {from} on signed by the validator that was cut off", step, TimeSpan.FromSeconds(120));
        ulong next = cluster.Nodes.Min(n => n.Head);
        DriverCluster.AssertSameChain(cluster.Nodes, next);
    }

    private static bool SignedFrom(IReadOnlyList<DriverNode> readers, ulong from, DriverNode signer)
    {
        for (ulong h = from; h <= readers.Min(n => n.Head); h++)
            if (readers.Any(r => Signed(r, h, signer))) return true;
        return false;
    }

    private static bool Signed(DriverNode reader, ulong height, DriverNode signer) =>
        reader.Chain.GetBlock(height)?.Commit is { } commit && commit.Signatures.Any(s => new PublicKey(s.Validator.Span) == signer.PublicKey);

    private static bool IsPrecommit(ReadOnlyMemory<byte> payload) =>
        ConsensusMessage.Parser.ParseFrom(payload.Span).Vote is { Type: VoteType.Precommit };

    /// <summary>At each (height, round) at most one proposal, and at each (height, round, step) at most one vote, by <paramref name="signer"/>.</summary>
    private static void AssertNoConflictingSignatures(IReadOnlyList<byte[]> sent, PublicKey signer)
    {
        var messages = sent.Select(p => ConsensusMessage.Parser.ParseFrom(p)).ToList();
        var proposals = messages.Where(m => m.Proposal is { } p && new PublicKey(p.Proposer.Span) == signer)
            .GroupBy(m => (m.Proposal.Height, m.Proposal.Round), m => BlockIds.Of(m.Proposal.Block));
        Assert.All(proposals, g => Assert.Single(g.Distinct()));
        var votes = messages.Where(m => m.Vote is { } v && new PublicKey(v.Validator.Span) == signer)
            .GroupBy(m => (m.Vote.Height, m.Vote.Round, m.Vote.Type), m => m.Vote.BlockHash);
        Assert.NotEmpty(votes);
        Assert.All(votes, g => Assert.Single(g.Distinct()));
    }

    private readonly record struct SignerStateKey(ulong Height, uint Round, VoteStep Step, Hash32 BlockHash)
    {
        public static SignerStateKey Of(DriverNode node)
        {
            var s = node.SignerState.Load()!.State;
            return new SignerStateKey(s.Height, s.Round, s.Step, s.BlockHash);
        }
    }
}
