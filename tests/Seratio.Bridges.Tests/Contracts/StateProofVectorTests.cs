using Seratio.Bridges.Checkpoints;
using Seratio.Bridges.Tests.Infrastructure;

namespace Seratio.Bridges.Tests.Contracts;

/// <summary>
/// Every case of tests/vectors/state-proofs through the contract's verifier on real anvil:
/// the contract accepts exactly the cases marked valid (docs/state-proofs.md).
/// </summary>
[Collection(AnvilCollection.Name)]
public sealed class StateProofVectorTests(AnvilPair anvil)
{
    public static TheoryData<string> Cases => [.. StateProofVectors.All().Select(v => v.ToString())];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task VerifyProof_OnEthereum_AcceptsExactlyTheValidVectors(string name)
    {
        var vector = StateProofVectors.All().Single(v => v.ToString() == name);
        var contract = await anvil.SharedVerifierAsync();

        var accepted = await contract.VerifyProofAsync(vector.Root, vector.Proof);

        Assert.True(accepted == vector.Valid, $"{name}: expected {(vector.Valid ? "accepted" : "rejected")} ({vector.Why})");
    }

    [Fact]
    public async Task VerifyState_OnClassic_AgainstAnchoredRoots_AcceptsExactlyTheValidVectors()
    {
        var vectors = StateProofVectors.All();
        var keys = AnchorKeys.Create("vectors", 1);
        var contract = await anvil.DeployAsync(anvil.Classic, Submissions.ChainId, keys.Set);

        // anchor every distinct root once, at increasing heights
        var heightOfRoot = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var root in vectors.Select(v => Convert.ToHexString(v.Root)).Distinct(StringComparer.Ordinal))
        {
            ulong height = (ulong)heightOfRoot.Count + 1;
            var cp = Submissions.At(height, keys.Set, Convert.FromHexString(root));
            await contract.SubmitAsync(Submissions.Call(cp, keys.SignAll(cp, contract)));
            heightOfRoot[root] = height;
        }

        var wrong = new List<string>();
        foreach (var vector in vectors)
        {
            var accepted = await contract.VerifyStateAsync(heightOfRoot[Convert.ToHexString(vector.Root)], vector.Proof);
            if (accepted != vector.Valid) wrong.Add($"{vector}: {(accepted ? "accepted" : "rejected")} ({vector.Why})");
        }
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        Assert.True(vectors.Count(v => v.Valid) >= 10 && vectors.Count(v => !v.Valid) >= 10, "the vector set shrank");
    }

    [Fact]
    public async Task VerifyState_AtAHeightNeverAnchored_IsRefusedByName()
    {
        var keys = AnchorKeys.Create("vectors", 1);
        var contract = await anvil.DeployAsync(anvil.Ethereum, Submissions.ChainId, keys.Set);
        var vector = StateProofVectors.All().First(v => v.Valid);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => contract.VerifyStateAsync(7, vector.Proof));

        Assert.Equal("UnknownHeight", contract.ErrorNameOf(error));
    }
}
