using Seratio.Consensus.Signing;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;

namespace Seratio.Consensus.Tests.Signing;

public class DoubleSignGuardTests
{
    private const string ChainId = "seratio-test";
    private static readonly Hash32 A = Hash32.Sha256("a"u8), B = Hash32.Sha256("b"u8);

    private static SignerState S(ulong h, uint r, VoteStep step, Hash32 hash) => new(h, r, step, hash);

    [Fact]
    public void TrySign_FirstState_PersistsBeforeSigning()
    {
        var store = new InMemorySignerStateStore();
        var guard = new DoubleSignGuard(store, TestValidators.Key(0));
        var decision = guard.TrySign(ChainId, S(1, 0, VoteStep.Precommit, A), new byte[] { 1, 2, 3 }, out var sig);
        Assert.Equal(SignDecision.Signed, decision);
        Assert.Equal(S(1, 0, VoteStep.Precommit, A), store.Load()!.State);
        Assert.Equal(new byte[] { 1, 2, 3 }, store.Load()!.PendingBlock.ToArray());
        Assert.True(TestValidators.Key(0).PublicKey.Verify(VoteSignBytes.Create(ChainId, 1, 0, VoteStep.Precommit, A), sig));
    }

    [Fact]
    public void TrySign_ConflictingBlockAtSameStep_IsRefused()
    {
        var store = new InMemorySignerStateStore();
        var guard = new DoubleSignGuard(store, TestValidators.Key(0));
        guard.TrySign(ChainId, S(4, 1, VoteStep.Prevote, A), default, out _);
        var decision = guard.TrySign(ChainId, S(4, 1, VoteStep.Prevote, B), default, out var sig);
        Assert.Equal(SignDecision.RefusedConflict, decision);
        Assert.Empty(sig);
        Assert.Equal(A, store.Load()!.State.BlockHash);
    }

    [Fact]
    public void TrySign_SameStateAndBlock_IsResignedWithoutSaving()
    {
        var store = new InMemorySignerStateStore();
        var guard = new DoubleSignGuard(store, TestValidators.Key(0));
        guard.TrySign(ChainId, S(4, 1, VoteStep.Precommit, A), default, out var first);
        var decision = guard.TrySign(ChainId, S(4, 1, VoteStep.Precommit, A), default, out var again);
        Assert.Equal(SignDecision.Resigned, decision);
        Assert.Equal(first, again);
        Assert.Equal(1, store.Saves);
    }

    [Theory]
    [InlineData(3UL, 5u, VoteStep.Precommit)]
    [InlineData(4UL, 0u, VoteStep.Precommit)]
    [InlineData(4UL, 1u, VoteStep.Prevote)]
    public void TrySign_BelowLastSigned_IsRefused(ulong height, uint round, VoteStep step)
    {
        var guard = new DoubleSignGuard(new InMemorySignerStateStore(), TestValidators.Key(0));
        guard.TrySign(ChainId, S(4, 1, VoteStep.Precommit, A), default, out _);
        Assert.Equal(SignDecision.RefusedRegression, guard.TrySign(ChainId, S(height, round, step, A), default, out _));
    }

    [Theory]
    [InlineData(5UL, 0u, VoteStep.Propose)]
    [InlineData(4UL, 2u, VoteStep.Propose)]
    public void TrySign_AboveLastSigned_IsAllowedForAnyBlock(ulong height, uint round, VoteStep step)
    {
        var guard = new DoubleSignGuard(new InMemorySignerStateStore(), TestValidators.Key(0));
        guard.TrySign(ChainId, S(4, 1, VoteStep.Precommit, A), default, out _);
        Assert.Equal(SignDecision.Signed, guard.TrySign(ChainId, S(height, round, step, B), default, out _));
    }

    [Fact]
    public void NewGuard_OverSameStore_RemembersLastSignedState()
    {
        var store = new InMemorySignerStateStore();
        new DoubleSignGuard(store, TestValidators.Key(0)).TrySign(ChainId, S(9, 0, VoteStep.Precommit, A), default, out _);
        var restarted = new DoubleSignGuard(store, TestValidators.Key(0));
        Assert.Equal(SignDecision.RefusedConflict, restarted.Check(S(9, 0, VoteStep.Precommit, B)));
        Assert.Equal(SignDecision.Resigned, restarted.Check(S(9, 0, VoteStep.Precommit, A)));
    }

    [Fact]
    public void TrySign_WhenStoreFails_DoesNotSign()
    {
        var guard = new DoubleSignGuard(new FailingStore(), TestValidators.Key(0));
        Assert.Throws<IOException>(() => guard.TrySign(ChainId, S(1, 0, VoteStep.Precommit, A), default, out _));
        Assert.Null(guard.Last);
    }

    private sealed class FailingStore : ISignerStateStore
    {
        public SignerRecord? Load() => null;
        public void Save(SignerRecord record) => throw new IOException("disk full");
    }
}
