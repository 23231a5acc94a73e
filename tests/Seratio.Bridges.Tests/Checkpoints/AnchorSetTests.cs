using System.Numerics;
using Seratio.Bridges.Checkpoints;
using Seratio.Bridges.Tests.Infrastructure;

namespace Seratio.Bridges.Tests.Checkpoints;

/// <summary>The C# anchor set: sorted on creation, never empty or powerless, hashed as docs/anchoring.md writes.</summary>
public sealed class AnchorSetTests
{
    private const string A = "0x00000000000000000000000000000000000000aa";
    private const string B = "0x00000000000000000000000000000000000000bb";

    [Fact]
    public void Create_SortsByAddress_AndHashesTheSortedLists()
    {
        var set = AnchorSet.Create([(B, 2UL), (A, 1UL)]);

        Assert.Equal([A, B], set.Addresses);
        Assert.Equal([1UL, 2UL], set.Powers);
        Assert.Equal(new BigInteger(3), set.TotalPower);
        Assert.Equal(Convert.ToHexString(AnchorSet.HashOf([A, B], [1, 2])), Convert.ToHexString(set.Hash));
        Assert.NotEqual(Convert.ToHexString(AnchorSet.HashOf([B, A], [2, 1])), Convert.ToHexString(set.Hash));
    }

    [Fact]
    public void Hash_IsKeccakOfTheAbiEncodingWrittenInTheDocs()
    {
        // abi.encode(address[] [A], uint256[] [7]) = 0x40 | 0x80 | 1 | A | 1 | 7
        var expected = new byte[32 * 6];
        expected[31] = 0x40;
        expected[63] = 0x80;
        expected[95] = 1;
        expected[127] = 0xaa;
        expected[159] = 1;
        expected[191] = 7;

        var hash = AnchorSet.Create([(A, 7UL)]).Hash;

        Assert.Equal(Convert.ToHexString(Nethereum.Util.Sha3Keccack.Current.CalculateHash(expected)), Convert.ToHexString(hash));
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("zero power")]
    [InlineData("repeated address")]
    [InlineData("short address")]
    public void Create_RefusesABadSet(string what)
    {
        (string, ulong)[] members = what switch
        {
            "empty" => [],
            "zero power" => [(A, 0UL)],
            "repeated address" => [(A, 1UL), (A.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal), 2UL)],
            "short address" => [("0x1234", 1UL)],
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        Assert.Throws<ArgumentException>(() => AnchorSet.Create(members));
    }

    [Fact]
    public void HighSTwin_RecoversToTheSameSigner_SoOnlyTheLowSRuleCanRefuseIt()
    {
        var keys = AnchorKeys.Create("twin", 1);
        var signer = keys.Members[0].Signer;
        var digest = Submissions.FakeHash("digest");
        var low = signer.SignDigest(digest);
        var high = low.WithHighS();

        Assert.True(low.IsLowS);
        Assert.False(high.IsLowS);
        foreach (var signature in new[] { low, high })
        {
            var ecdsa = Nethereum.Signer.EthECDSASignatureFactory.FromComponents(signature.R, signature.S, signature.V);
            var recovered = Nethereum.Signer.EthECKey.RecoverFromSignature(ecdsa, digest).GetPublicAddress();
            Assert.Equal(signer.Address, recovered);
        }
    }
}
