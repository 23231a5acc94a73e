using Seratio.Consensus.Engine;
using Seratio.Consensus.Messages;
using Seratio.Consensus.Signing;
using Seratio.Consensus.Tests.Engine;
using Seratio.Consensus.Votes;
using Seratio.Consensus.Wal;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Tests.Wal;

public class RecoveryTests
{
    private static readonly Block A = EngineHarness.Block(1, "A");
    private static readonly Hash32 HashA = BlockIds.Of(A);

    /// <summary>A non-proposer that prevoted and precommitted A in round 0 (locked on it).</summary>
    private static (EngineHarness H, Vote Precommit) LockedNode()
    {
        var probe = new EngineHarness(0, 10, 10, 10, 10);
        var h = new EngineHarness(probe.ProposerIndex(1, 3), 10, 10, 10, 10);
        h.Engine.StartHeight(1, h.Set);
        h.Engine.OnProposal(h.Proposal(1, 0, A));
        h.Engine.OnBlockValidated(1, 0, HashA, true);
        var outputs = h.Votes(VoteStep.Prevote, 1, 0, HashA, h.Others.Take(2).ToArray());
        return (h, EngineHarness.SingleVote(outputs, VoteType.Precommit));
    }

    private static EngineHarness Restart(EngineHarness h, InMemoryConsensusWal? wal = null) =>
        new(h.Self, h.Store, wal ?? h.Wal, 10, 10, 10, 10);

    [Fact]
    public void Recover_ReplaysTheWal_ResumesTheLockAndResendsTheSameSignedVotes()
    {
        var (h, precommit) = LockedNode();
        var restarted = Restart(h);
        var outputs = restarted.Engine.Recover(1, restarted.Set);
        Assert.Equal(0, restarted.Engine.LockedRound);
        Assert.Equal(HashA, restarted.Engine.LockedHash);
        Assert.Equal(VoteStep.Precommit, restarted.Engine.Step);
        Assert.Contains(EngineHarness.BroadcastVotes(outputs), v => v.Equals(precommit));
        Assert.Contains(outputs, o => o is ScheduleTimeout { Timeout.Step: VoteStep.Propose }); // timers are set again
    }

    [Fact]
    public void Recover_AfterLosingTheUnsyncedTail_StillResumesTheLastSignedState()
    {
        var (h, precommit) = LockedNode();
        h.Votes(VoteStep.Precommit, 1, 0, Hash32.Zero, h.Others[0]); // appended after the last signature: not synced
        Assert.True(h.Wal.Count > h.Wal.SyncedCount);
        h.Wal.LoseUnsynced(); // loses our own precommit's log entry too (written after signing)
        var restarted = Restart(h);
        var outputs = restarted.Engine.Recover(1, restarted.Set);
        Assert.Equal(0, restarted.Engine.LockedRound);
        Assert.Equal(VoteStep.Precommit, restarted.Engine.Step);
        Assert.Contains(EngineHarness.BroadcastVotes(outputs), v => v.Equals(precommit)); // re-signed: same state, same block
    }

    [Fact]
    public void SecondRestart_AfterAReplayThatReSignedALostVote_StillResumesTheLock()
    {
        var (h, precommit) = LockedNode();
        h.Wal.LoseUnsynced(); // our precommit's log entry is lost; the signer state still says we signed it
        var first = Restart(h);
        first.Engine.Recover(1, first.Set);   // re-signs the precommit (the guard's last state) and logs it again
        first.Engine.OnTimeout(new TimeoutEvent(1, 0, VoteStep.Precommit));
        var prevote = EngineHarness.SingleVote(first.Engine.OnTimeout(new TimeoutEvent(1, 1, VoteStep.Propose)), VoteType.Prevote);
        Assert.Equal(1u, prevote.Round);     // something newer is signed: the round-0 precommit can no longer be re-signed
        var second = Restart(first);
        var outputs = second.Engine.Recover(1, second.Set);
        Assert.Equal(0, second.Engine.LockedRound);
        Assert.Equal(HashA, second.Engine.LockedHash);
        Assert.Contains(EngineHarness.BroadcastVotes(outputs), v => v.Equals(precommit));
    }

    [Fact]
    public void Restart_WithTheWalLost_NeverSignsAConflictingVote()
    {
        var (h, _) = LockedNode();
        var restarted = Restart(h, new InMemoryConsensusWal());
        restarted.Engine.Recover(1, restarted.Set); // nothing to replay: a fresh round 0
        var outputs = restarted.Engine.OnTimeout(new TimeoutEvent(1, 0, VoteStep.Propose));
        Assert.Empty(EngineHarness.BroadcastVotes(outputs)); // prevote nil at 1/0 would be below the signed precommit
        Assert.Equal(VoteStep.Prevote, restarted.Engine.Step);
        Assert.Equal(new SignerState(1, 0, VoteStep.Precommit, HashA), h.Store.Load()!.State);
    }

    [Fact]
    public void EverySignature_IsPrecededByAWalSync()
    {
        var (h, _) = LockedNode();
        Assert.Equal(2, h.Store.Saves);          // prevote, precommit
        Assert.True(h.Wal.Syncs >= h.Store.Saves);
    }

    [Fact]
    public void InMemoryWal_ReadHeight_ReturnsOnlyTheLatestStartedHeight()
    {
        var wal = new InMemoryConsensusWal();
        wal.Append(new ConsensusWalEntry { StartHeight = 1 });
        wal.Append(new ConsensusWalEntry { Timeout = new WalTimeout { Height = 1 } });
        wal.Append(new ConsensusWalEntry { StartHeight = 2 });
        wal.Append(new ConsensusWalEntry { Timeout = new WalTimeout { Height = 2 } });
        Assert.Empty(wal.ReadHeight(1));
        Assert.Equal(2, wal.ReadHeight(2).Count);
        Assert.Empty(wal.ReadHeight(3));
    }
}
