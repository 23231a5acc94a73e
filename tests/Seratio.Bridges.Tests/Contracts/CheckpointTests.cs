using System.Numerics;
using Nethereum.ABI.EIP712;
using Nethereum.Signer.EIP712;
using Nethereum.Util;
using Seratio.Bridges.Checkpoints;
using Seratio.Bridges.Contracts;
using Seratio.Bridges.Tests.Infrastructure;

namespace Seratio.Bridges.Tests.Contracts;

/// <summary>
/// submitCheckpoint on real anvil: what more than 2/3 of the anchor set signed is anchored and
/// proves state; everything else is refused by the rule that names it (docs/anchoring.md).
/// </summary>
[Collection(AnvilCollection.Name)]
public sealed class CheckpointTests(AnvilPair anvil)
{
    // Four validators of power 25: any three (75 > 66.7) anchor, any two (50) do not.
    private static readonly AnchorKeys Four = AnchorKeys.Create("four", 25, 25, 25, 25);

    [Fact]
    public async Task Checkpoint_SignedByMoreThanTwoThirds_IsAnchored_AndItsRootProvesState()
    {
        var contract = await anvil.DeployAsync(anvil.Ethereum, Submissions.ChainId, Four.Set);
        var vector = StateProofVectors.All().First(v => v.Valid && v.Proof.Exists && v.Proof.Depth > 2);
        var cp = Submissions.At(10, Four.Set, vector.Root);

        var receipt = await contract.SubmitAsync(Submissions.Call(cp, Four.Sign(cp, contract, 0, 1, 3)));

        Assert.Equal(1UL, receipt.Status.Value);
        Assert.Equal(10UL, await contract.LastHeightAsync());
        var anchored = await contract.CheckpointAtAsync(10);
        Assert.Equal(cp.StateRoot, anchored.StateRoot);
        Assert.Equal(cp.BlockHash, anchored.BlockHash);
        Assert.True(await contract.VerifyStateAsync(10, vector.Proof));
        var tampered = vector.Proof;
        tampered.Value = [.. tampered.Value, 0x01];
        Assert.False(await contract.VerifyStateAsync(10, tampered));
        var evt = receipt.Logs.Single(l => l.Topics[0].ToString() == "0x" + Keccak("CheckpointAnchored(uint64,bytes32,bytes32,bytes32)"));
        Assert.EndsWith("a", evt.Topics[1].ToString(), StringComparison.Ordinal); // indexed height 10
    }

    [Fact]
    public async Task Digest_IsTheSame_InCSharp_InNethereumsEip712Signer_AndInTheContract()
    {
        var contract = await anvil.DeployAsync(anvil.Classic, Submissions.ChainId, Four.Set);
        var cp = Submissions.At(42, Four.Set);

        var ours = CheckpointTypedData.Digest(cp, contract.EvmChainId, contract.Address);
        var onChain = await contract.DigestAsync(Submissions.ToArgument(cp));
        var nethereum = Sha3Keccack.Current.CalculateHash(Eip712TypedDataSigner.Current.EncodeTypedData(TypedData(cp, contract)));

        Assert.Equal(Convert.ToHexString(ours), Convert.ToHexString(onChain));
        Assert.Equal(Convert.ToHexString(ours), Convert.ToHexString(nethereum));
        Assert.Equal(Convert.ToHexString(ours), Convert.ToHexString(
            CheckpointTypedData.Digest(cp, anvil.Classic.Chain.ChainId, contract.Address)));
        Assert.NotEqual(Convert.ToHexString(ours), Convert.ToHexString(
            CheckpointTypedData.Digest(cp, anvil.Ethereum.Chain.ChainId, contract.Address)));
    }

    [Fact]
    public async Task AnchorSetHash_InCSharp_EqualsTheContracts()
    {
        var contract = await anvil.DeployAsync(anvil.Ethereum, Submissions.ChainId, Four.Set);
        Assert.Equal(Convert.ToHexString(Four.Set.Hash), Convert.ToHexString(await contract.AnchorSetHashAsync()));
    }

    /// <summary>Each row: a submission that breaks one rule, and the error that must name it.</summary>
    public static TheoryData<string, string> Refusals => new()
    {
        { "unsorted signers", "SignersNotAscending" },
        { "repeated signer", "SignersNotAscending" },
        { "signer outside the set", "SignerNotInAnchorSet" },
        { "half of the power", "InsufficientPower" },
        { "stale height", "HeightNotAboveLast" },
        { "equal height", "HeightNotAboveLast" },
        { "wrong anchor set hash", "WrongAnchorSetHash" },
        { "wrong seratio chain id", "WrongSeratioChainId" },
        { "zero block hash", "ZeroBlockHash" },
        { "empty next set", "EmptyAnchorSet" },
        { "zero power in the next set", "ZeroPower" },
        { "unsorted next set", "AnchorSignersNotAscending" },
        { "next set not matching its hash", "NextAnchorSetMismatch" },
        { "next set given without a change", "UnexpectedNextAnchorSet" },
        { "high-s signature", "HighSSignature" },
        { "v neither 27 nor 28", "InvalidSignatureV" },
        { "signature that recovers to nobody", "InvalidSignature" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Submission_BreakingARule_IsRefused_ByThatRulesError(string rule, string error)
    {
        var contract = await anvil.DeployAsync(anvil.Ethereum, Submissions.ChainId, Four.Set);
        var earlier = Submissions.At(5, Four.Set);
        await contract.SubmitAsync(Submissions.Call(earlier, Four.SignAll(earlier, contract)));
        var cp = Submissions.At(6, Four.Set);
        var good = Submissions.Call(cp, Four.Sign(cp, contract, 0, 1, 2));
        Assert.Null(await contract.DryRunAsync(good)); // the unbroken submission passes: the row breaks only its rule

        var outsider = AnchorKeys.Create("outsider", 25);
        var other = AnchorKeys.Create("other", 7, 8, 9);
        var broken = rule switch
        {
            "unsorted signers" => Submissions.Call(cp, Four.Sign(cp, contract, 1, 0, 2)),
            "repeated signer" => Submissions.Call(cp, Four.Sign(cp, contract, 0, 1, 1, 2)),
            "signer outside the set" => Submissions.Call(cp, SortedSignatures(cp, contract, Four.Members[0].Signer, Four.Members[1].Signer, outsider.Members[0].Signer)),
            "half of the power" => Submissions.Call(cp, Four.Sign(cp, contract, 0, 3)),
            "stale height" => Signed(Submissions.At(4, Four.Set), contract),
            "equal height" => Signed(Submissions.At(5, Four.Set), contract),
            "wrong anchor set hash" => Signed(cp with { AnchorSetHash = other.Set.Hash, NextAnchorSetHash = other.Set.Hash }, contract),
            "wrong seratio chain id" => Signed(cp with { SeratioChainId = "seratio-other" }, contract),
            "zero block hash" => Signed(cp with { BlockHash = new byte[32] }, contract),
            "empty next set" => SignedHandover(cp, contract, [], []),
            "zero power in the next set" => SignedHandover(cp, contract, other.Set.Addresses, [7, 0, 9]),
            "unsorted next set" => SignedHandover(cp, contract, other.Set.Addresses.Reverse().ToList(), [9, 8, 7]),
            "next set not matching its hash" => MismatchedHandover(cp, contract, other),
            "next set given without a change" => WithNextSet(Submissions.Call(cp, Four.Sign(cp, contract, 0, 1, 2)), other.Set),
            "high-s signature" => Submissions.Call(cp, HighS(cp, contract)),
            "v neither 27 nor 28" => Submissions.Call(cp, WithV(Four.Sign(cp, contract, 0, 1, 2), 1, 29)),
            "signature that recovers to nobody" => Submissions.Call(cp, WithR(Four.Sign(cp, contract, 0, 1, 2), 1, 0)),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
        };

        Assert.Equal(error, await contract.DryRunAsync(broken));
        var refused = await Assert.ThrowsAsync<AnchorRevertException>(() => contract.SubmitAsync(broken));
        Assert.Equal(error, refused.ErrorName);
        Assert.Equal(5UL, await contract.LastHeightAsync());
    }

    [Fact]
    public async Task ExactlyTwoThirdsOfThePower_IsRefused_AndAllOfItIsAccepted()
    {
        var three = AnchorKeys.Create("three", 1, 1, 1);
        var contract = await anvil.DeployAsync(anvil.Ethereum, Submissions.ChainId, three.Set);
        var cp = Submissions.At(1, three.Set);

        Assert.Equal("InsufficientPower", await contract.DryRunAsync(Submissions.Call(cp, three.Sign(cp, contract, 0, 2))));
        await contract.SubmitAsync(Submissions.Call(cp, three.SignAll(cp, contract)));
        Assert.Equal(1UL, await contract.LastHeightAsync());
    }

    [Fact]
    public async Task SignatureForEthereum_IsRefusedOnEthereumClassic_EvenAtTheSameAddress()
    {
        // one validator holding all the power: a signature that recovers to anyone else is refused by name
        var solo = AnchorKeys.Create("solo", 10);
        var onEthereum = await anvil.DeployAsync(anvil.Ethereum, Submissions.ChainId, solo.Set);
        var onClassic = await anvil.DeployAsync(anvil.Classic, Submissions.ChainId, solo.Set);
        var cp = Submissions.At(3, solo.Set);

        var forEthereum = solo.Sign(cp, onEthereum, 0);
        // as if the Classic contract had landed at the same address: only the chain id differs
        var forEthereumAtClassicsAddress = solo.SignFor(cp, anvil.Ethereum.Chain.ChainId, onClassic.Address, 0);

        Assert.Equal("SignerNotInAnchorSet", await onClassic.DryRunAsync(Submissions.Call(cp, forEthereum)));
        Assert.Equal("SignerNotInAnchorSet", await onClassic.DryRunAsync(Submissions.Call(cp, forEthereumAtClassicsAddress)));
        await onEthereum.SubmitAsync(Submissions.Call(cp, forEthereum));
        await onClassic.SubmitAsync(Submissions.Call(cp, solo.Sign(cp, onClassic, 0)));
        Assert.Equal(3UL, await onEthereum.LastHeightAsync());
        Assert.Equal(3UL, await onClassic.LastHeightAsync());
    }

    [Fact]
    public async Task Handover_ToANewSet_IsSignedByTheOldSet_ThenOnlyTheNewSetAnchors()
    {
        // the new set drops validator 0, keeps 1..3 and adds two: as a Seratio validator-set change would
        var added = AnchorKeys.Create("added", 25, 25);
        var next = AnchorSet.Create(Four.Members.Skip(1).Select(m => (m.Signer.Address, m.Power))
            .Concat(added.Members.Select(m => (m.Signer.Address, m.Power))));
        var nextSigners = Four.Members.Skip(1).Select(m => m.Signer).Concat(added.Members.Select(m => m.Signer)).ToArray();

        foreach (var node in new[] { anvil.Ethereum, anvil.Classic })
        {
            var contract = await anvil.DeployAsync(node, Submissions.ChainId, Four.Set);
            var handover = Submissions.At(10, Four.Set) with { NextAnchorSetHash = next.Hash };
            var receipt = await contract.SubmitAsync(Submissions.Handover(handover, Four.Sign(handover, contract, 0, 1, 2), next));
            Assert.Contains(receipt.Logs, l => l.Topics[0].ToString() == "0x" + Keccak("AnchorSetChanged(uint256,bytes32,address[],uint256[])"));
            Assert.Equal(Convert.ToHexString(next.Hash), Convert.ToHexString(await contract.AnchorSetHashAsync()));
            Assert.Equal(BigInteger.One, await contract.EpochAsync());

            // the old set alone: under its own hash, or signing the new hash, is refused
            var stale = Submissions.At(20, Four.Set);
            Assert.Equal("WrongAnchorSetHash", await contract.DryRunAsync(Submissions.Call(stale, Four.SignAll(stale, contract))));
            var cp = Submissions.At(20, next);
            Assert.Equal("SignerNotInAnchorSet", await contract.DryRunAsync(Submissions.Call(cp, Four.SignAll(cp, contract))));
            // its members still in the new set hold 75 of 125: not enough
            Assert.Equal("InsufficientPower", await contract.DryRunAsync(Submissions.Call(cp, Four.Sign(cp, contract, 1, 2, 3))));

            // the new set anchors (4 of 5 = 100 of 125)
            await contract.SubmitAsync(Submissions.Call(cp, SortedSignatures(cp, contract, nextSigners[0], nextSigners[1], nextSigners[3], nextSigners[4])));
            Assert.Equal(20UL, await contract.LastHeightAsync());
        }
    }

    private static SubmitCheckpointFunction Signed(Checkpoint cp, AnchorContract contract) =>
        Submissions.Call(cp, Four.Sign(cp, contract, 0, 1, 2));

    private static SubmitCheckpointFunction SignedHandover(Checkpoint cp, AnchorContract contract, IReadOnlyList<string> signers, BigInteger[] powers)
    {
        var changed = cp with { NextAnchorSetHash = AnchorSet.HashOf(signers, powers) };
        return new SubmitCheckpointFunction
        {
            Checkpoint = Submissions.ToArgument(changed),
            Signatures = Four.Sign(changed, contract, 0, 1, 2),
            NextSigners = [.. signers],
            NextPowers = [.. powers],
        };
    }

    private static SubmitCheckpointFunction MismatchedHandover(Checkpoint cp, AnchorContract contract, AnchorKeys other)
    {
        var claimed = cp with { NextAnchorSetHash = other.Set.Hash };
        var provided = AnchorKeys.Create("yet-another", 7, 8, 9).Set;
        return Submissions.Handover(claimed, Four.Sign(claimed, contract, 0, 1, 2), provided);
    }

    private static SubmitCheckpointFunction WithNextSet(SubmitCheckpointFunction call, AnchorSet set)
    {
        call.NextSigners = [.. set.Addresses];
        call.NextPowers = [.. set.Powers.Select(p => new BigInteger(p))];
        return call;
    }

    private static List<SignatureArgument> HighS(Checkpoint cp, AnchorContract contract)
    {
        var signatures = Four.Sign(cp, contract, 0, 1, 2);
        var low = new CheckpointSignature(signatures[1].V, signatures[1].R, signatures[1].S);
        Assert.True(low.IsLowS);
        signatures[1] = AnchorKeys.ToArgument(low.WithHighS());
        return signatures;
    }

    private static List<SignatureArgument> WithV(List<SignatureArgument> signatures, int index, byte v)
    {
        signatures[index].V = v;
        return signatures;
    }

    private static List<SignatureArgument> WithR(List<SignatureArgument> signatures, int index, byte r)
    {
        signatures[index].R = Enumerable.Repeat(r, 32).ToArray();
        return signatures;
    }

    private static List<SignatureArgument> SortedSignatures(Checkpoint cp, AnchorContract contract, params CheckpointSigner[] signers) =>
        [.. signers.OrderBy(s => BigInteger.Parse("0" + s.Address[2..], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture))
            .Select(s => AnchorKeys.ToArgument(s.Sign(cp, contract.EvmChainId, contract.Address)))];

    private static TypedData<Domain> TypedData(Checkpoint cp, AnchorContract contract) => new()
    {
        Domain = new Domain { Name = CheckpointTypedData.DomainName, Version = CheckpointTypedData.DomainVersion, ChainId = contract.EvmChainId, VerifyingContract = contract.Address },
        PrimaryType = "Checkpoint",
        Types = new Dictionary<string, MemberDescription[]>
        {
            ["EIP712Domain"] =
            [
                new() { Name = "name", Type = "string" },
                new() { Name = "version", Type = "string" },
                new() { Name = "chainId", Type = "uint256" },
                new() { Name = "verifyingContract", Type = "address" },
            ],
            ["Checkpoint"] =
            [
                new() { Name = "seratioChainId", Type = "string" },
                new() { Name = "height", Type = "uint64" },
                new() { Name = "blockHash", Type = "bytes32" },
                new() { Name = "stateRoot", Type = "bytes32" },
                new() { Name = "anchorSetHash", Type = "bytes32" },
                new() { Name = "nextAnchorSetHash", Type = "bytes32" },
            ],
        },
        Message =
        [
            new() { TypeName = "string", Value = cp.SeratioChainId },
            new() { TypeName = "uint64", Value = cp.Height },
            new() { TypeName = "bytes32", Value = cp.BlockHash },
            new() { TypeName = "bytes32", Value = cp.StateRoot },
            new() { TypeName = "bytes32", Value = cp.AnchorSetHash },
            new() { TypeName = "bytes32", Value = cp.NextAnchorSetHash },
        ],
    };

    private static string Keccak(string text) => Convert.ToHexStringLower(Sha3Keccack.Current.CalculateHash(System.Text.Encoding.ASCII.GetBytes(text)));
}
