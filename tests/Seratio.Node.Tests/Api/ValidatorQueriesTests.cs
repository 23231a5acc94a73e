using Grpc.Core;
using Seratio.Core.Chain;
using Seratio.Node.Blocks;
using Seratio.Node.Blocks.Evidence;
using Seratio.Node.Api;
using Seratio.Node.Api.Queries;
using Seratio.Node.Consensus.Evidence;
using Seratio.Node.Tests.Consensus;
using Seratio.Protocol;

namespace Seratio.Node.Tests.Api;

public sealed class ValidatorQueriesTests : IDisposable
{
    private readonly ConsensusChain _chain = new(validators: 4, new ChainParams());

    [Fact]
    public void GetValidators_ShowsTheSetOfTheHeight_ThePendingOne_AndTheJailed()
    {
        _chain.CommitNext([_chain.SetValidator(4, 7)]); // 1: adds validator 4 from height 3
        _chain.CommitNext(evidence: [ConsensusChain.DoubleVote(1, 1)]); // 2: jails validator 1 from height 4

        var at2 = new ValidatorQueryService(new QueryScope(_chain.Chain)).Validators(new GetValidatorsRequest { Height = 2 });
        Assert.Equal(4, at2.Validators.Count);
        Assert.Equal(40UL, at2.TotalPower);
        Assert.Equal(_chain.Sets.For(2).Hash.ToByteString(), at2.ValidatorsHash);
        Assert.Equal(5, at2.Pending.Count);

        var latest = new ValidatorQueryService(new QueryScope(_chain.Chain)).Validators(new GetValidatorsRequest()); // height 3 = head + 1
        Assert.Equal(3UL, latest.Height);
        Assert.Equal(5, latest.Validators.Count);
        Assert.Equal(4, latest.Pending.Count); // validator 1 is gone from height 4
        var jailed = Assert.Single(latest.Jailed);
        Assert.Equal(ConsensusChain.Key(1).PublicKey.ToByteString(), jailed.PublicKey);
        Assert.Equal(ConsensusChain.Key(4).PublicKey.ToAddress().ToString(), latest.Validators.Single(v => v.Power == 7).Address);
    }

    [Fact]
    public void GetValidators_WithProve_ProvesEachHeightsSetInTheStateOfTheBlockBefore_AcrossAChange()
    {
        _chain.CommitNext([_chain.SetValidator(4, 7)]); // 1: adds validator 4 from height 3
        _chain.CommitNext();                               // 2
        _chain.CommitNext();                               // 3: the first block of the new set

        var service = new ValidatorQueryService(new QueryScope(_chain.Chain));
        foreach (ulong height in new ulong[] { 2, 3, 4 })
        {
            var r = service.Validators(new GetValidatorsRequest { Height = height, Prove = true });
            Assert.NotNull(r.Proof);
            Assert.Equal(Vm.Modules.Validators.ValidatorKeys.Next().ToByteString(), r.Proof.Key);
            var root = new Core.Crypto.Hash32(_chain.Chain.GetBlock(height - 1)!.Block.Header.StateRoot.Span);
            Assert.True(Core.State.StateProofVerifier.Verify(root, r.Proof, out var why), why);
            var proven = Seratio.Consensus.Validators.ValidatorSet.FromState(ValidatorSetState.Parser.ParseFrom(r.Proof.Value));
            Assert.Equal(_chain.Sets.For(height).Hash, proven.Hash);
            Assert.Equal(r.ValidatorsHash, proven.Hash.ToByteString());
        }
        Assert.Equal(5, ValidatorSetState.Parser.ParseFrom(service.Validators(new GetValidatorsRequest { Height = 3, Prove = true }).Proof.Value).Validators.Count);
        Assert.Null(service.Validators(new GetValidatorsRequest { Height = 1, Prove = true }).Proof); // the genesis set needs no proof
        Assert.Null(service.Validators(new GetValidatorsRequest { Height = 3 }).Proof);               // only when asked
    }

    [Fact]
    public void GetValidators_AboveHeadPlusOne_IsOutOfRange()
    {
        var ex = Assert.Throws<RpcException>(() => new ValidatorQueryService(new QueryScope(_chain.Chain)).Validators(new GetValidatorsRequest { Height = 2 }));
        Assert.Equal(StatusCode.OutOfRange, ex.StatusCode);
        Assert.Contains("at most 1", ex.Status.Detail);
    }

    [Fact]
    public void GetEvidence_ListsByValidator_Paginates_AndFindsByHash()
    {
        _chain.CommitNext();
        var first = ConsensusChain.DoubleVote(1, 1);
        var second = ConsensusChain.DoubleVote(2, 1);
        var third = ConsensusChain.DoubleVote(1, 1, round: 1);
        _chain.CommitNext(evidence: [first, second, third]);

        var all = new ValidatorQueryService(new QueryScope(_chain.Chain)).Evidence(new GetEvidenceRequest());
        Assert.Equal(3UL, all.Total);
        var page = new ValidatorQueryService(new QueryScope(_chain.Chain)).Evidence(new GetEvidenceRequest { Offset = 1, Limit = 1 });
        Assert.Equal(all.Evidence[1], Assert.Single(page.Evidence));
        Assert.Equal(3UL, page.Total);
        var against1 = new ValidatorQueryService(new QueryScope(_chain.Chain)).Evidence(new GetEvidenceRequest { Validator = ConsensusChain.Key(1).PublicKey.ToByteString() });
        Assert.Equal(2UL, against1.Total);
        Assert.All(against1.Evidence, e => Assert.Equal(ConsensusChain.Key(1).PublicKey.ToByteString(), e.Validator));
        var byHash = new ValidatorQueryService(new QueryScope(_chain.Chain)).Evidence(new GetEvidenceRequest { Hash = EvidenceVerifier.Hash(second).ToByteString() });
        Assert.Equal(2UL, Assert.Single(byHash.Evidence).IncludedHeight);
    }

    [Theory]
    [InlineData("hash", StatusCode.NotFound)]
    [InlineData("short hash", StatusCode.InvalidArgument)]
    [InlineData("short validator", StatusCode.InvalidArgument)]
    [InlineData("limit", StatusCode.InvalidArgument)]
    public void GetEvidence_BadRequests_HaveTheirStatus(string kind, StatusCode expected)
    {
        var request = kind switch
        {
            "hash" => new GetEvidenceRequest { Hash = Google.Protobuf.ByteString.CopyFrom(new byte[32]) },
            "short hash" => new GetEvidenceRequest { Hash = Google.Protobuf.ByteString.CopyFrom(new byte[31]) },
            "short validator" => new GetEvidenceRequest { Validator = Google.Protobuf.ByteString.CopyFrom(new byte[31]) },
            _ => new GetEvidenceRequest { Limit = 1001 },
        };
        Assert.Equal(expected, Assert.Throws<RpcException>(() => new ValidatorQueryService(new QueryScope(_chain.Chain)).Evidence(request)).StatusCode);
    }

    public void Dispose() => _chain.Dispose();
}
