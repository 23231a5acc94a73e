using Google.Protobuf;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Tests.Votes;

public class CommitVerifierTests
{
    private const string ChainId = "seratio-test";
    private static readonly Hash32 BlockHash = Hash32.Sha256("block"u8);

    private static CommitSig Sign(SigningKey key, ulong height = 5, uint round = 0, Hash32? hash = null, string chainId = ChainId) => new()
    {
        Validator = key.PublicKey.ToByteString(),
        Signature = ByteString.CopyFrom(key.Sign(VoteSignBytes.Create(chainId, height, round, VoteStep.Precommit, hash ?? BlockHash))),
    };

    private static Commit CommitOf(params CommitSig[] sigs)
    {
        var commit = new Commit { Height = 5, Round = 0, BlockHash = BlockHash.ToByteString() };
        commit.Signatures.AddRange(sigs);
        return commit;
    }

    [Fact]
    public void Verify_WithMoreThanTwoThirds_IsValid()
    {
        var (set, keys) = TestValidators.Build(1, 1, 1, 1);
        var ok = CommitVerifier.Verify(CommitOf(Sign(keys[0]), Sign(keys[1]), Sign(keys[3])), set, ChainId, out var reason);
        Assert.True(ok, reason);
    }

    [Fact]
    public void Verify_WithExactlyTwoThirds_IsRejected()
    {
        var (set, keys) = TestValidators.Build(1, 1, 1);
        var result = CommitVerifier.Check(CommitOf(Sign(keys[0]), Sign(keys[1])), set, ChainId, out var reason);
        Assert.Equal(CommitVerifyResult.InsufficientPower, result);
        Assert.Contains("2/3", reason);
    }

    [Fact]
    public void Verify_CountsPowerNotSigners()
    {
        var (set, keys) = TestValidators.Build(10, 1, 1, 1);
        Assert.True(CommitVerifier.Verify(CommitOf(Sign(keys[0])), set, ChainId, out _));
        Assert.False(CommitVerifier.Verify(CommitOf(Sign(keys[1]), Sign(keys[2]), Sign(keys[3])), set, ChainId, out _));
    }

    [Fact]
    public void Verify_WithDuplicateSigner_IsRejected()
    {
        var (set, keys) = TestValidators.Build(1, 1, 1);
        var result = CommitVerifier.Check(CommitOf(Sign(keys[0]), Sign(keys[0]), Sign(keys[1])), set, ChainId, out _);
        Assert.Equal(CommitVerifyResult.DuplicateValidator, result);
    }

    [Fact]
    public void Verify_WithUnknownValidator_IsRejected()
    {
        var (set, keys) = TestValidators.Build(1, 1, 1);
        var stranger = TestValidators.Key(99);
        var result = CommitVerifier.Check(CommitOf(Sign(keys[0]), Sign(keys[1]), Sign(keys[2]), Sign(stranger)), set, ChainId, out _);
        Assert.Equal(CommitVerifyResult.UnknownValidator, result);
    }

    [Theory]
    [InlineData("height")]
    [InlineData("round")]
    [InlineData("hash")]
    [InlineData("chain")]
    public void Verify_WithSignatureOverOtherVote_IsRejected(string field)
    {
        var (set, keys) = TestValidators.Build(1);
        var sig = field switch
        {
            "height" => Sign(keys[0], height: 6),
            "round" => Sign(keys[0], round: 1),
            "hash" => Sign(keys[0], hash: Hash32.Sha256("other"u8)),
            _ => Sign(keys[0], chainId: "other-chain"),
        };
        Assert.Equal(CommitVerifyResult.BadSignature, CommitVerifier.Check(CommitOf(sig), set, ChainId, out _));
    }

    [Fact]
    public void Verify_WithCorruptedSignature_IsRejected()
    {
        var (set, keys) = TestValidators.Build(1);
        var sig = Sign(keys[0]);
        var bytes = sig.Signature.ToByteArray();
        bytes[10] ^= 1;
        sig.Signature = ByteString.CopyFrom(bytes);
        Assert.Equal(CommitVerifyResult.BadSignature, CommitVerifier.Check(CommitOf(sig), set, ChainId, out _));
    }

    [Fact]
    public void Verify_WithShortBlockHash_IsMalformed()
    {
        var (set, keys) = TestValidators.Build(1);
        var commit = CommitOf(Sign(keys[0]));
        commit.BlockHash = ByteString.CopyFrom(new byte[5]);
        Assert.Equal(CommitVerifyResult.Malformed, CommitVerifier.Check(commit, set, ChainId, out _));
    }

    [Fact]
    public void VoteSignBytes_DifferByStep()
    {
        Assert.NotEqual(
            VoteSignBytes.Create(ChainId, 1, 0, VoteStep.Prevote, BlockHash),
            VoteSignBytes.Create(ChainId, 1, 0, VoteStep.Precommit, BlockHash));
    }
}
