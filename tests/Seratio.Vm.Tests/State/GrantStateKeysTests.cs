using Seratio.Core.Crypto;
using Seratio.Vm.Modules.Exchange;
using Seratio.Vm.Modules.Grants;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.State;

/// <summary>The grants module's key layouts against hand-built preimages (docs/modules/grants.md, "State").</summary>
public class GrantStateKeysTests
{
    private static List<byte> Tag() => new(System.Text.Encoding.ASCII.GetBytes("seratio/key"));

    [Fact]
    public void GrantKey_IsSha256OfTagPrefixAndBigEndianId()
    {
        var preimage = Tag();
        preimage.AddRange([GrantKeys.GrantPrefix, 0, 0, 0, 0, 0, 0, 1, 2]);
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), GrantKeys.Grant(0x0102));
    }

    [Fact]
    public void StakeKey_IsGrantIdThenStaker_AndTheAbstainBucketIsGrantZero()
    {
        var alice = TestKeys.Address("alice");
        var preimage = Tag();
        preimage.AddRange([GrantKeys.StakePrefix, 0, 0, 0, 0, 0, 0, 0, 0]);
        preimage.AddRange(alice.ToArray());
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), GrantKeys.Stake(0, alice));
        Assert.NotEqual(GrantKeys.Stake(0, alice), GrantKeys.Stake(1, alice));
    }

    [Fact]
    public void SupportsKey_IsTheStakersAddress()
    {
        var alice = TestKeys.Address("alice");
        var preimage = Tag();
        preimage.Add(GrantKeys.SupportsPrefix);
        preimage.AddRange(alice.ToArray());
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), GrantKeys.Supports(alice));
    }

    [Fact]
    public void DueListKeys_AreHeightThenChunk_AndTheListReadsAndWritesThem()
    {
        var preimage = Tag();
        preimage.AddRange([GrantKeys.DuePrefix, 0, 0, 0, 0, 0, 0, 0, 7]);
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), GrantKeys.Due(7));
        preimage.AddRange([0, 0, 0, 0, 0, 0, 0, 0]);
        var state = new MemoryState();
        var view = new Seratio.Vm.State.TxState(new Seratio.Vm.State.BlockState(state));
        GrantSchedule.Due(7).Append(view, 42);
        Assert.Equal(1UL, GrantSchedule.Due(7).Count(new ViewReader(view)));
        Assert.NotNull(view.Get(Hash32.Sha256(preimage.ToArray())));
    }

    [Fact]
    public void FixedKeys_AreTheirPrefixAlone()
    {
        foreach (var (prefix, key) in new[] { (GrantKeys.GrantCounterPrefix, GrantKeys.GrantCounter()), (GrantKeys.TotalStakedPrefix, GrantKeys.TotalStaked()), (GrantKeys.OpenCountPrefix, GrantKeys.OpenCount()) })
        {
            var preimage = Tag();
            preimage.Add(prefix);
            Assert.Equal(Hash32.Sha256(preimage.ToArray()), key);
        }
    }
}
