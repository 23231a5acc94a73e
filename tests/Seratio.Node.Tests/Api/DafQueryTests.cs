using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Node.Api;
using Seratio.Protocol;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.Modules.Governance;
using Seratio.Vm.State;
using DafState = Seratio.Vm.Modules.Daf.Daf;

namespace Seratio.Node.Tests.Api;

/// <summary>
/// The DAF's and the grants' queries (docs/api.md, "DAF") against a fake chain whose state holds proposals, a
/// council and votes in the module's own key layout (docs/modules/daf.md, "State"): answers, proofs, ListProposals
/// newest first with its status filter and bounded scan, ListVotes in voting order, and every refusal.
/// </summary>
public class DafQueryTests
{
    private static readonly Address[] Council = [.. Enumerable.Range(0, 4).Select(i => SigningKey.ForTesting($"node-tests/daf-member-{i}").Address).OrderBy(a => a.ToString(), StringComparer.Ordinal)];
    private const ulong Proposals = 1_205;

    /// <summary>Proposal i's status: every 600th is EXECUTED, proposal 3 is VOTING_PERIOD, the rest REJECTED.</summary>
    private static ProposalStatus StatusOf(ulong id) => id % 600 == 0 ? ProposalStatus.Executed : id == 3 ? ProposalStatus.VotingPeriod : ProposalStatus.Rejected;

    /// <summary>A fixture at height 1: <see cref="Proposals"/> proposals, the council with weights 1..4, the DAF governing, 70 votes on proposal 3 (the council's four, then 66 from a list built through the module's voter list layout).</summary>
    private static ApiFixture Fixture(bool withDaf = true)
    {
        var f = new ApiFixture();
        if (withDaf)
        {
            var members = new DafMembers();
            for (int i = 0; i < Council.Length; i++) members.Members.Add(new DafMember { Address = Council[i].ToByteString(), Weight = (ulong)i + 1 });
            members.TotalWeight = 10;
            f.Chain.SetState(DafKeys.Members(), members.ToByteArray());
            var p = DafRules.DefaultParams;
            p.VotingPeriod = 10;
            f.Chain.SetState(DafKeys.Params(), p.ToByteArray());
            f.Chain.SetState(GovernanceKeys.Authority(), DafState.Address.ToArray());
            for (ulong id = 1; id <= Proposals; id++)
                f.Chain.SetState(DafKeys.Proposal(id), new ProposalState { Id = id, Title = $"p{id}", Status = StatusOf(id), Params = p }.ToByteArray());
            f.Chain.SetState(DafKeys.ProposalCounter(), StateValues.U64(Proposals));
            var voters = Voters();
            var chunks = voters.Chunk(64).ToList();
            for (int c = 0; c < chunks.Count; c++)
                f.Chain.SetState(DafKeys.ListChunk(DafKeys.VotersPrefix, 3, (ulong)c), [.. chunks[c].SelectMany(a => a.ToArray())]);
            f.Chain.SetState(DafKeys.ListCount(DafKeys.VotersPrefix, 3), StateValues.U64((ulong)voters.Count));
            for (int i = 0; i < voters.Count; i++)
                f.Chain.SetState(DafKeys.Vote(3, voters[i]), new VoteRecord { ProposalId = 3, Voter = voters[i].ToByteString(), Option = (VoteOption)(i % 4 + 1), Weight = 1, Height = (ulong)i }.ToByteArray());
        }
        f.Chain.Commit();
        return f;
    }

    private static List<Address> Voters() =>
        [.. Council, .. Enumerable.Range(0, 66).Select(i => SigningKey.ForTesting($"node-tests/daf-voter-{i}").Address)];

    [Fact]
    public async Task GetProposal_AnswersTheProposal_WithAProofOfItsValue()
    {
        var f = Fixture();
        var r = await f.Service.GetProposal(new GetProposalRequest { Id = 3, Prove = true }, f.Context);
        Assert.Equal(("p3", ProposalStatus.VotingPeriod, 10UL), (r.Proposal.Title, r.Proposal.Status, r.Proposal.Params.VotingPeriod));
        Assert.Equal(1UL, r.Height);
        Assert.Equal(DafKeys.Proposal(3).ToByteString(), r.Proof.Key);
        Assert.Equal(r.Proposal.ToByteString(), r.Proof.Value);
        Assert.Null((await f.Service.GetProposal(new GetProposalRequest { Id = 4 }, f.Context)).Proof);
    }

    [Fact]
    public async Task ListProposals_GoesNewestFirst_AndItsPagesJoinUpWithoutGapsOrRepeats()
    {
        var f = Fixture();
        var seen = new List<ulong>();
        string token = "";
        int pages = 0;
        do
        {
            var page = await f.Service.ListProposals(new ListProposalsRequest { PageSize = 100, PageToken = token }, f.Context);
            Assert.Equal(Proposals, page.LastId);
            seen.AddRange(page.Proposals.Select(p => p.Id));
            token = page.NextPageToken;
            pages++;
        } while (token.Length > 0);
        Assert.Equal(13, pages);
        Assert.Equal(Enumerable.Range(1, (int)Proposals).Select(i => (ulong)i).Reverse(), seen);

        var first = await f.Service.ListProposals(new ListProposalsRequest(), f.Context);
        Assert.Equal(20, first.Proposals.Count); // 0 = 20
    }

    [Fact]
    public async Task ListProposals_ByStatus_ReadsAtMostOneThousandPerCall_AndGivesATokenToGoOn()
    {
        var f = Fixture();
        // EXECUTED: 1200 and 600. The first call reads 1205..206 (1,000 proposals) and finds 1200 and 600.
        var first = await f.Service.ListProposals(new ListProposalsRequest { Status = ProposalStatus.Executed }, f.Context);
        Assert.Equal([1200UL, 600UL], first.Proposals.Select(p => p.Id));
        Assert.Equal("206", first.NextPageToken);
        var rest = await f.Service.ListProposals(new ListProposalsRequest { Status = ProposalStatus.Executed, PageToken = first.NextPageToken }, f.Context);
        Assert.Empty(rest.Proposals); // 205..1 hold none
        Assert.Equal("", rest.NextPageToken);

        var voting = await f.Service.ListProposals(new ListProposalsRequest { Status = ProposalStatus.VotingPeriod, PageToken = "206" }, f.Context);
        Assert.Equal([3UL], voting.Proposals.Select(p => p.Id));
    }

    [Fact]
    public async Task Votes_OneWithItsProof_AndThePagedList_InTheOrderMembersFirstVoted()
    {
        var f = Fixture();
        var voters = Voters();
        var one = await f.Service.GetVote(new GetVoteRequest { ProposalId = 3, Voter = voters[5].ToString(), Prove = true }, f.Context);
        Assert.Equal((VoteOption.No, 5UL), (one.Vote.Option, one.Vote.Height));
        Assert.Equal(one.Vote.ToByteString(), one.Proof.Value);

        var listed = new List<ByteString>();
        string token = "";
        do
        {
            var page = await f.Service.ListVotes(new ListVotesRequest { ProposalId = 3, PageSize = 30, PageToken = token }, f.Context);
            Assert.Equal(70UL, page.Total);
            listed.AddRange(page.Votes.Select(v => v.Voter));
            token = page.NextPageToken;
        } while (token.Length > 0);
        Assert.Equal(voters.Select(v => v.ToByteString()), listed);
        Assert.Empty((await f.Service.ListVotes(new ListVotesRequest { ProposalId = 4 }, f.Context)).Votes);
    }

    [Fact]
    public async Task ParamsCouncilAndTreasury_SayWhoGoverns_WithProofs()
    {
        var f = Fixture();
        var p = await f.Service.GetDafParams(new GetDafParamsRequest { Prove = true }, f.Context);
        Assert.True(p.Governs);
        Assert.Equal(DafState.Address.ToString(), p.Authority);
        Assert.Equal(DafState.Address.ToString(), p.DafAddress);
        Assert.Equal(10UL, p.Params.VotingPeriod);
        Assert.Equal(p.Params.ToByteString(), p.Proof.Value);

        var m = await f.Service.GetMembers(new GetMembersRequest { Prove = true }, f.Context);
        Assert.Equal(Council.Select(a => a.ToByteString()), m.Members.Select(x => x.Address));
        Assert.Equal(10UL, m.TotalWeight);
        Assert.Equal(DafKeys.Members().ToByteString(), m.Proof.Key);

        var empty = Fixture(withDaf: false);
        var defaults = await empty.Service.GetDafParams(new GetDafParamsRequest(), empty.Context);
        Assert.False(defaults.Governs);
        Assert.Equal(DafRules.DefaultParams, defaults.Params);
        Assert.Empty((await empty.Service.GetMembers(new GetMembersRequest(), empty.Context)).Members);
    }

    public static TheoryData<string, Func<NodeApiService, ServerCallContext, Task>, StatusCode, string> Refusals() => new()
    {
        { "proposal id 0", (s, c) => s.GetProposal(new GetProposalRequest(), c), StatusCode.InvalidArgument, "id is required" },
        { "unknown proposal", (s, c) => s.GetProposal(new GetProposalRequest { Id = 9_999 }, c), StatusCode.NotFound, "no proposal 9999 (id) at height 1 (proposals are 1-1205)" },
        { "height above head", (s, c) => s.GetProposal(new GetProposalRequest { Id = 1, Height = 5 }, c), StatusCode.OutOfRange, "above the latest height 1" },
        { "proposal page too large", (s, c) => s.ListProposals(new ListProposalsRequest { PageSize = 101 }, c), StatusCode.InvalidArgument, "page_size 101 is above 100" },
        { "proposal page token", (s, c) => s.ListProposals(new ListProposalsRequest { PageToken = "x" }, c), StatusCode.InvalidArgument, "page_token 'x' is not one this node gave" },
        { "proposal token past the last", (s, c) => s.ListProposals(new ListProposalsRequest { PageToken = "1206" }, c), StatusCode.InvalidArgument, "page_token '1206'" },
        { "proposal token 0", (s, c) => s.ListProposals(new ListProposalsRequest { PageToken = "0" }, c), StatusCode.InvalidArgument, "page_token '0'" },
        { "proposal status", (s, c) => s.ListProposals(new ListProposalsRequest { Status = (ProposalStatus)9 }, c), StatusCode.InvalidArgument, "status 9 is not one" },
        { "vote proposal 0", (s, c) => s.GetVote(new GetVoteRequest { Voter = Council[0].ToString() }, c), StatusCode.InvalidArgument, "proposal_id is required" },
        { "vote without voter", (s, c) => s.GetVote(new GetVoteRequest { ProposalId = 3 }, c), StatusCode.InvalidArgument, "voter is required" },
        { "vote bad voter", (s, c) => s.GetVote(new GetVoteRequest { ProposalId = 3, Voter = "ser1nope" }, c), StatusCode.InvalidArgument, "voter:" },
        { "vote unknown proposal", (s, c) => s.GetVote(new GetVoteRequest { ProposalId = 5_000, Voter = Council[0].ToString() }, c), StatusCode.NotFound, "no proposal 5000 (proposal_id)" },
        { "no such vote", (s, c) => s.GetVote(new GetVoteRequest { ProposalId = 4, Voter = Council[0].ToString() }, c), StatusCode.NotFound, "has not voted on proposal 4" },
        { "votes proposal 0", (s, c) => s.ListVotes(new ListVotesRequest(), c), StatusCode.InvalidArgument, "proposal_id is required" },
        { "votes unknown proposal", (s, c) => s.ListVotes(new ListVotesRequest { ProposalId = 2_000 }, c), StatusCode.NotFound, "no proposal 2000" },
        { "votes page too large", (s, c) => s.ListVotes(new ListVotesRequest { ProposalId = 3, PageSize = 1_001 }, c), StatusCode.InvalidArgument, "page_size 1001 is above 1000" },
        { "votes token past the list", (s, c) => s.ListVotes(new ListVotesRequest { ProposalId = 3, PageToken = "70" }, c), StatusCode.InvalidArgument, "page_token '70'" },
        { "votes bad token", (s, c) => s.ListVotes(new ListVotesRequest { ProposalId = 3, PageToken = "-1" }, c), StatusCode.InvalidArgument, "page_token '-1'" },
        { "params above head", (s, c) => s.GetDafParams(new GetDafParamsRequest { Height = 2 }, c), StatusCode.OutOfRange, "above the latest height 1" },
        { "members above head", (s, c) => s.GetMembers(new GetMembersRequest { Height = 2 }, c), StatusCode.OutOfRange, "above the latest height 1" },
        { "treasury above head", (s, c) => s.GetTreasury(new GetTreasuryRequest { Height = 2 }, c), StatusCode.OutOfRange, "above the latest height 1" },
        { "grant id 0", (s, c) => s.GetGrant(new GetGrantRequest(), c), StatusCode.InvalidArgument, "id is required" },
        { "grant page too large", (s, c) => s.ListGrants(new ListGrantsRequest { PageSize = 101 }, c), StatusCode.InvalidArgument, "page_size 101 is above 100" },
        { "grant page token", (s, c) => s.ListGrants(new ListGrantsRequest { PageToken = "abc" }, c), StatusCode.InvalidArgument, "page_token 'abc'" },
        { "grant status", (s, c) => s.ListGrants(new ListGrantsRequest { Status = (GrantStatus)7 }, c), StatusCode.InvalidArgument, "status 7 is not one" },
        { "stake without staker", (s, c) => s.GetGrantStake(new GetGrantStakeRequest { GrantId = 1 }, c), StatusCode.InvalidArgument, "staker is required" },
        { "stake bad staker", (s, c) => s.GetGrantStake(new GetGrantStakeRequest { GrantId = 1, Staker = "nope" }, c), StatusCode.InvalidArgument, "staker:" },
        { "stake above head", (s, c) => s.GetGrantStake(new GetGrantStakeRequest { Staker = Council[0].ToString(), Height = 3 }, c), StatusCode.OutOfRange, "above the latest height 1" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task BadInput_GetsAPreciseStatus_NamingWhatToFix(string name, Func<NodeApiService, ServerCallContext, Task> call, StatusCode code, string message)
    {
        var f = Fixture();
        var error = await Assert.ThrowsAsync<RpcException>(() => call(f.Service, f.Context));
        Assert.True(code == error.StatusCode, $"{name}: {error.StatusCode} {error.Status.Detail}");
        Assert.Contains(message, error.Status.Detail);
    }
}
