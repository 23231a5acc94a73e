using Google.Protobuf;
using Seratio.Cli.Modules;
using Seratio.Cli.Verification;
using Seratio.Consensus.Validators;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Core.Validators;
using Seratio.Protocol;
using Seratio.Vm.Modules.Validators;

namespace Seratio.Cli.Tests.Verification;

/// <summary>
/// <c>--trust genesis</c> after a validator-set change: the genesis set A certifies block 7, whose state proves the
/// next set B; B then certifies block 12, which holds the certificate. Each link is checked; a missing, forged or
/// misplaced link is refused by reason.
/// </summary>
public sealed class ValidatorChangeTests : IDisposable
{
    private const ulong ChangeBlock = 7;
    private readonly VerificationBuilder _b = new();
    private readonly SigningKey _newcomer = SigningKey.ForTesting("verify-newcomer");
    private readonly ValidatorSet _setB;
    private readonly BlockHeader _target;
    private readonly BlockEvidence _targetEvidence;

    public ValidatorChangeTests()
    {
        // B: validator 0 left, a newcomer joined with power 5.
        _setB = new ValidatorSet(_b.Keys.Skip(1).Select((k, i) => new Validator(k.PublicKey, (ulong)i + 2)).Append(new Validator(_newcomer.PublicKey, 5)));
        _target = _b.Header.Clone();
        _target.ValidatorsHash = _setB.Hash.ToByteString();
        _targetEvidence = VerificationBuilder.Evidence(_target, _b.Commit(_target, [2, 3], [_newcomer])); // 3 + 4 + 5 = 12 of 14
    }

    public void Dispose()
    {
        _newcomer.Dispose();
        _b.Dispose();
    }

    private static ValidatorSetState StateOf(ValidatorSet set) =>
        ValidatorSetCodec.Sorted(set.Validators.Select(v => new ValidatorEntry { PublicKey = v.Key.ToByteString(), Power = v.Power, Name = "" }));

    /// <summary>Block 7 of set A with a state holding "next" = <paramref name="next"/>, its commit by <paramref name="signers"/>, and the next-set proof.</summary>
    private ValidatorChange Step(ValidatorSet next, ValidatorSet? namedSet = null, int[]? signers = null, SigningKey[]? others = null, ulong height = ChangeBlock,
        Func<StateProof, StateProof>? tamper = null)
    {
        var nodes = new InMemoryTreeNodeSource();
        var tree = new SparseMerkleTree(nodes);
        var changes = new SortedDictionary<Hash32, Hash32?>
        {
            [ValidatorKeys.Next()] = SparseMerkleTree.HashValue(StateOf(next).ToByteArray()),
            [ValidatorKeys.Pending()] = SparseMerkleTree.HashValue(StateOf(next).ToByteArray()),
        };
        var update = tree.Update(Hash32.Zero, [.. changes]);
        nodes.Add(update.NewNodes);
        var proof = tree.Prove(update.Root, ValidatorKeys.Next());
        proof.Value = StateOf(next).ToByteString();
        proof = tamper?.Invoke(proof) ?? proof;
        var header = new BlockHeader
        {
            ChainId = VerificationBuilder.ChainId, Height = height, TimeUnixMs = 1, StateRoot = update.Root.ToByteString(),
            ValidatorsHash = (namedSet ?? _b.Set).Hash.ToByteString(),
        };
        return new ValidatorChange { Block = VerificationBuilder.Evidence(header, _b.Commit(header, signers ?? [1, 2, 3], others)), NextSetProof = Seratio.Client.Proofs.ProofJson.From(proof) };
    }

    private Verdict Verify(params ValidatorChange[] steps) =>
        ClaimVerifier.Trusted(new CertificateClaim(_b.Document, 2), _targetEvidence, _b.Trusted(), steps);

    [Fact]
    public void TheGenesisSet_FollowedThroughAProvenChange_CertifiesABlockOfTheNewSet()
    {
        var verdict = Verify(Step(_setB));
        Assert.True(verdict.Valid, verdict.Reason);
        Assert.Contains("followed to height 8", verdict.TrustSource);
    }

    [Fact]
    public void WithoutTheChange_TheNewSetsBlockIsRefused()
    {
        var verdict = Verify();
        Assert.False(verdict.Valid);
        Assert.Contains("not the trusted set", verdict.Reason);
    }

    [Fact]
    public void ANextSetProofOfAnotherSet_DoesNotLeadToTheCertifiedRoot()
    {
        var forged = StateOf(new ValidatorSet([new Validator(_newcomer.PublicKey, 100)]));
        var verdict = Verify(Step(_setB, tamper: p => { p.Value = forged.ToByteString(); return p; }));
        Assert.False(verdict.Valid);
        Assert.Contains("validator change 0: the next-set proof does not lead to block 7's state root", verdict.Reason);
    }

    [Fact]
    public void AChangeBlockCertifiedByTheNewSetInsteadOfTheTrustedOne_IsRefused()
    {
        var verdict = Verify(Step(_setB, namedSet: _setB, signers: [2, 3], others: [_newcomer]));
        Assert.False(verdict.Valid);
        Assert.Contains("validator change 0 (block 7)", verdict.Reason);
        Assert.Contains("not the trusted set", verdict.Reason);
    }

    [Fact]
    public void AChangeBlockWithoutTwoThirdsOfTheTrustedPower_IsRefused()
    {
        var verdict = Verify(Step(_setB, signers: [0, 1, 2]));
        Assert.False(verdict.Valid);
        Assert.Contains("more than 2/3 is needed", verdict.Reason);
    }

    [Fact]
    public void AChangeAtOrAboveTheProofsHeight_IsRefused()
    {
        var verdict = Verify(Step(_setB, height: VerificationBuilder.Height));
        Assert.False(verdict.Valid);
        Assert.Contains("must ascend and lie below height 12", verdict.Reason);
    }
}
