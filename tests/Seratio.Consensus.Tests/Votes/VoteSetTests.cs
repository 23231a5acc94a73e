using Seratio.Consensus.Messages;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;

namespace Seratio.Consensus.Tests.Votes;

public class VoteSetTests
{
    private static readonly Hash32 X = Hash32.Sha256("x"u8), Y = Hash32.Sha256("y"u8);
    private static readonly (Seratio.Consensus.Validators.ValidatorSet Set, SigningKey[] Keys) Four = TestValidators.Build(10, 10, 10, 10);

    private static CheckedVote V(int who, Hash32 hash) =>
        new(VoteStep.Prevote, 1, 0, hash, Four.Keys[who].PublicKey, 10, new Protocol.Vote());

    [Fact]
    public void Quorum_NeedsMoreThanTwoThirdsOfThePower()
    {
        var set = new VoteSet(Four.Set, 1, 0, VoteStep.Prevote);
        set.Add(V(0, X), false, out _);
        set.Add(V(1, X), false, out _);
        Assert.False(set.HasQuorumFor(X));
        Assert.False(set.HasQuorumAny);
        set.Add(V(2, Hash32.Zero), false, out _);
        Assert.True(set.HasQuorumAny);
        Assert.False(set.TryGetQuorum(out _));
        set.Add(V(3, X), false, out _);
        Assert.True(set.TryGetQuorum(out var q));
        Assert.Equal(X, q);
    }

    [Fact]
    public void SameValidatorTwice_CountsOnce()
    {
        var set = new VoteSet(Four.Set, 1, 0, VoteStep.Prevote);
        Assert.Equal(VoteAddResult.Added, set.Add(V(0, X), false, out _));
        Assert.Equal(VoteAddResult.Duplicate, set.Add(V(0, X), true, out _));
        Assert.Equal(10UL, set.PowerFor(X));
        Assert.Equal(10UL, set.TotalPower);
    }

    [Fact]
    public void ConflictingVote_IsTalliedOnlyWhenAsked_AndNeverAddsToTotal()
    {
        var set = new VoteSet(Four.Set, 1, 0, VoteStep.Prevote);
        set.Add(V(0, X), false, out _);
        Assert.Equal(VoteAddResult.Conflict, set.Add(V(0, Y), false, out var first));
        Assert.Equal(X, first.BlockHash);
        Assert.Equal(0UL, set.PowerFor(Y));
        Assert.Equal(VoteAddResult.Conflict, set.Add(V(0, Y), true, out _));
        Assert.Equal(10UL, set.PowerFor(Y));
        Assert.Equal(10UL, set.TotalPower);
        Assert.True(set.Holds(Four.Keys[0].PublicKey, Y));
    }

    [Fact]
    public void VotesFor_AreSortedByValidatorKey()
    {
        var set = new VoteSet(Four.Set, 1, 0, VoteStep.Prevote);
        foreach (int i in new[] { 3, 1, 0, 2 }) set.Add(V(i, X), false, out _);
        var keys = set.VotesFor(X).Select(v => v.Validator).ToList();
        Assert.Equal(Four.Set.Validators.Select(v => v.Key), keys);
    }
}
