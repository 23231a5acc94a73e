using Seratio.Protocol;

namespace Seratio.Node.Tests.Consensus;

public sealed class ValidatorSetsTests : IDisposable
{
    private readonly ConsensusChain _chain = new(validators: 4);

    [Fact]
    public void AnAddedValidator_IsInTheSetOfHeightHPlusTwo_AndNotBefore()
    {
        var genesisSet = _chain.Sets.For(1);
        var block = _chain.CommitNext([_chain.SetValidator(4, 10)]); // height 1
        Assert.Equal(ResultCode.Ok, Assert.Single(block.Outcome.Receipts).Code);

        Assert.Same(genesisSet, _chain.Sets.For(2));
        Assert.False(_chain.Sets.For(2).Contains(ConsensusChain.Key(4).PublicKey));
        Assert.Contains(_chain.Sets.DescribeNext(2).Validators, v => v.Name == "validator-4"); // pending, known before block 2

        _chain.CommitNext(); // height 2
        var third = _chain.Sets.For(3);
        Assert.True(third.Contains(ConsensusChain.Key(4).PublicKey));
        Assert.Equal(5, third.Count);

        // The header of height 3 carries the hash of V(3): the new set.
        var built = _chain.Next();
        Assert.Equal(third.Hash.ToByteString(), built.Block.Header.ValidatorsHash);
        Assert.NotEqual(genesisSet.Hash, third.Hash);
    }

    [Fact]
    public void TheSetOfAHeightAboveHeadPlusOne_IsNotKnown()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _chain.Sets.For(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => _chain.Sets.For(0));
    }

    [Fact]
    public void BlocksCertifiedByTheNewSet_AreValidForAFreshNode()
    {
        _chain.CommitNext([_chain.SetValidator(4, 10), _chain.SetValidator(0, 0)]); // height 1: add 4, remove 0
        _chain.CommitNext(); // height 2
        _chain.CommitNext(); // height 3: certified by V(3) = {1,2,3,4}
        Assert.False(_chain.Sets.For(3).Contains(ConsensusChain.Key(0).PublicKey));
        var next = _chain.Next(); // height 4: its last commit is verified against V(3)
        Assert.Equal(Seratio.Node.Blocks.BlockCheck.Valid, _chain.Candidates().Check(next.Block.Clone(), out _));
    }

    public void Dispose() => _chain.Dispose();
}
