using System.Numerics;
using Seratio.Bridges.Contracts;
using Seratio.Bridges.Tests.Infrastructure;

namespace Seratio.Bridges.Tests.Contracts;

/// <summary>The genesis anchor set is checked like a handed-over one: never empty, sorted, powered.</summary>
[Collection(AnvilCollection.Name)]
public sealed class ConstructorTests(AnvilPair anvil)
{
    private static readonly AnchorKeys Three = AnchorKeys.Create("genesis", 1, 2, 3);

    public static TheoryData<string, string> Refusals => new()
    {
        { "empty set", "EmptyAnchorSet" },
        { "unsorted signers", "AnchorSignersNotAscending" },
        { "repeated signer", "AnchorSignersNotAscending" },
        { "zero power", "ZeroPower" },
        { "power above 2^64-1", "PowerTooLarge" },
        { "fewer powers than signers", "AnchorSetLengthMismatch" },
        { "empty seratio chain id", "EmptySeratioChainId" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Deployment_WithABadGenesisSet_IsRefused_ByThatRulesError(string rule, string error)
    {
        var a = Three.Set.Addresses;
        (string chainId, string[] signers, BigInteger[] powers) = rule switch
        {
            "empty set" => (Submissions.ChainId, Array.Empty<string>(), Array.Empty<BigInteger>()),
            "unsorted signers" => (Submissions.ChainId, new[] { a[1], a[0], a[2] }, new BigInteger[] { 1, 2, 3 }),
            "repeated signer" => (Submissions.ChainId, new[] { a[0], a[1], a[1] }, new BigInteger[] { 1, 2, 3 }),
            "zero power" => (Submissions.ChainId, a.ToArray(), new BigInteger[] { 1, 0, 3 }),
            "power above 2^64-1" => (Submissions.ChainId, a.ToArray(), new BigInteger[] { 1, ulong.MaxValue + (BigInteger)1, 3 }),
            "fewer powers than signers" => (Submissions.ChainId, a.ToArray(), new BigInteger[] { 1, 2 }),
            "empty seratio chain id" => ("", a.ToArray(), new BigInteger[] { 1, 2, 3 }),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
        };
        var web3 = anvil.Ethereum.Web3For(Bridges.Anvil.AnvilNode.FundedTestKey);

        var refused = await Assert.ThrowsAsync<AnchorRevertException>(() => AnchorContract.DeployAsync(web3, anvil.Artifacts, chainId, signers, powers));

        Assert.Equal(error, refused.ErrorName);
    }

    [Fact]
    public async Task Deployment_OnEthereumClassicShanghai_StoresTheGenesisSet()
    {
        var contract = await anvil.DeployAsync(anvil.Classic, Submissions.ChainId, Three.Set);

        Assert.Equal(63, contract.EvmChainId);
        Assert.Equal(Convert.ToHexString(Three.Set.Hash), Convert.ToHexString(await contract.AnchorSetHashAsync()));
        Assert.Equal(BigInteger.Zero, await contract.EpochAsync());
        Assert.Equal(0UL, await contract.LastHeightAsync());
    }
}
