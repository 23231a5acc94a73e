using Seratio.Core.Crypto;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.State;

public class DafStateKeysTests
{
    private static List<byte> Tag() => new(System.Text.Encoding.ASCII.GetBytes("seratio/key"));

    [Fact]
    public void ProposalKey_IsPrefixAndBigEndianId()
    {
        var preimage = Tag();
        preimage.AddRange([DafKeys.ProposalPrefix, 0, 0, 0, 0, 0, 0, 1, 2]);
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), DafKeys.Proposal(0x0102));
    }

    [Fact]
    public void VoteAndDepositKeys_AreProposalIdThenAddress()
    {
        var alice = TestKeys.Address("alice");
        foreach (var (prefix, key) in new[] { (DafKeys.VotePrefix, DafKeys.Vote(5, alice)), (DafKeys.DepositPrefix, DafKeys.Deposit(5, alice)) })
        {
            var preimage = Tag();
            preimage.AddRange([prefix, 0, 0, 0, 0, 0, 0, 0, 5]);
            preimage.AddRange(alice.ToArray());
            Assert.Equal(Hash32.Sha256(preimage.ToArray()), key);
        }
    }

    [Fact]
    public void ListKeys_AreOwnerForTheCount_AndOwnerThenChunkForAChunk()
    {
        var preimage = Tag();
        preimage.AddRange([DafKeys.DuePrefix, 0, 0, 0, 0, 0, 0, 0, 9]);
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), DafKeys.ListCount(DafKeys.DuePrefix, 9));
        preimage.AddRange([0, 0, 0, 0, 0, 0, 0, 3]);
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), DafKeys.ListChunk(DafKeys.DuePrefix, 9, 3));
        Assert.NotEqual(DafKeys.ListChunk(DafKeys.VotersPrefix, 9, 3), DafKeys.ListChunk(DafKeys.DepositorsPrefix, 9, 3));
    }

    [Fact]
    public void AddressKeys_ArePrefixAndAddress()
    {
        var alice = TestKeys.Address("alice");
        foreach (var (prefix, key) in new[] { (DafKeys.MemberWeightPrefix, DafKeys.MemberWeight(alice)), (DafKeys.ActiveByProposerPrefix, DafKeys.ActiveByProposer(alice)) })
        {
            var preimage = Tag();
            preimage.Add(prefix);
            preimage.AddRange(alice.ToArray());
            Assert.Equal(Hash32.Sha256(preimage.ToArray()), key);
        }
    }

    [Fact]
    public void EveryPrefix_IsInTheDafRange_AndRegistered()
    {
        var prefixes = typeof(DafKeys).GetFields().Where(f => f.IsLiteral && f.Name.EndsWith("Prefix", StringComparison.Ordinal)).Select(f => (byte)f.GetValue(null)!).ToList();
        Assert.Equal(14, prefixes.Count);
        Assert.All(prefixes, p => Assert.True(DafKeys.Range.Contains(p), $"0x{p:X2}"));
        Assert.All(prefixes, p => Assert.Contains(p, StateKeys.Registry.Values));
    }
}
