using Seratio.Core.Addressing;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.Modules.Governance;
using DafState = Seratio.Vm.Modules.Daf.Daf;
using GrantState = Seratio.Vm.Modules.Grants.Grants;

namespace Seratio.Node.Api.Queries;

/// <summary>
/// The queries of the DAF's governance (docs/modules/daf.md, docs/api.md, "DAF"): proposals with their tally and the
/// parameters they were created under, proved when asked; proposals by status newest first; a member's vote and a
/// proposal's votes; the parameters, the council and the treasury. Bad input is InvalidArgument naming the field and
/// the fix, unknown proposals and votes NotFound. One ListProposals call reads at most <see cref="MaxProposalsScanned"/>
/// proposals whatever its filter. Stateless apart from the scope; thread safe.
/// </summary>
internal sealed class DafQueryService(QueryScope scope)
{
    public const uint DefaultProposalPage = 20;
    public const uint MaxProposalPage = 100;
    public const uint DefaultVotePage = 100;
    public const uint MaxVotePage = 1_000;

    /// <summary>The most proposals one ListProposals call reads; a filter that skips them all returns a short (or empty) page with a token to go on.</summary>
    public const int MaxProposalsScanned = 1_000;

    public ProposalResponse GetProposal(GetProposalRequest request)
    {
        RequireId(request.Id, "id");
        var at = scope.At(request.Height);
        var response = new ProposalResponse
        {
            Proposal = KnownProposal(at.State, request.Id, at.Height, "id"),
            Height = at.Height,
            StateRoot = at.Root.ToByteString(),
        };
        if (request.Prove) response.Proof = scope.Prove(DafKeys.Proposal(request.Id), at);
        return response;
    }

    /// <summary>Proposals newest first; the token is the last id listed (ids are never reused, so later proposals do not shift the pages).</summary>
    public ListProposalsResponse ListProposals(ListProposalsRequest request)
    {
        if (!Enum.IsDefined(request.Status))
            throw ApiErrors.Invalid($"status {(int)request.Status} is not one; use 0 (every status) or 1-8 (deposit period, voting period, passed, executed, failed, rejected, vetoed, lapsed)");
        int size = Paging.Size(request.PageSize, DefaultProposalPage, MaxProposalPage);
        ulong token = Paging.Position(request.PageToken);
        var at = scope.At(request.Height);
        ulong last = DafState.LastProposalId(at.State);
        if (request.PageToken.Length > 0 && (token == 0 || token > last)) throw Paging.InvalidToken(request.PageToken);
        var response = new ListProposalsResponse { Height = at.Height, LastId = last };
        ulong next = request.PageToken.Length > 0 ? token - 1 : last; // the next id to read, descending; 0 = done
        for (int scanned = 0; next > 0 && response.Proposals.Count < size && scanned < MaxProposalsScanned; scanned++, next--)
        {
            var proposal = DafState.GetProposal(at.State, next)
                ?? throw new InvalidDataException($"the proposal counter is {last} but state does not hold proposal {next}");
            if (request.Status == ProposalStatus.Unspecified || proposal.Status == request.Status) response.Proposals.Add(proposal);
        }
        if (next > 0) response.NextPageToken = Paging.Token(next + 1);
        return response;
    }

    public VoteResponse GetVote(GetVoteRequest request)
    {
        RequireId(request.ProposalId, "proposal_id");
        var voter = ApiErrors.RequireAddress(request.Voter, "voter");
        var at = scope.At(request.Height);
        KnownProposal(at.State, request.ProposalId, at.Height, "proposal_id");
        var vote = DafState.GetVote(at.State, request.ProposalId, voter)
            ?? throw ApiErrors.NotFound($"{voter} has not voted on proposal {request.ProposalId} at height {at.Height}; ListVotes shows who has");
        var response = new VoteResponse { Vote = vote, Height = at.Height, StateRoot = at.Root.ToByteString() };
        if (request.Prove) response.Proof = scope.Prove(DafKeys.Vote(request.ProposalId, voter), at);
        return response;
    }

    /// <summary>A proposal's votes in the order members first voted; the token is the position of the next vote.</summary>
    public ListVotesResponse ListVotes(ListVotesRequest request)
    {
        RequireId(request.ProposalId, "proposal_id");
        int size = Paging.Size(request.PageSize, DefaultVotePage, MaxVotePage);
        ulong from = Paging.Position(request.PageToken);
        var at = scope.At(request.Height);
        KnownProposal(at.State, request.ProposalId, at.Height, "proposal_id");
        ulong total = DafState.VoteCount(at.State, request.ProposalId);
        if (request.PageToken.Length > 0 && (from == 0 || from >= total)) throw Paging.InvalidToken(request.PageToken);
        var response = new ListVotesResponse { Height = at.Height, Total = total };
        response.Votes.Add(DafState.Votes(at.State, request.ProposalId, from, size));
        ulong next = from + (ulong)response.Votes.Count;
        if (next < total) response.NextPageToken = Paging.Token(next);
        return response;
    }

    public DafParamsResponse GetDafParams(GetDafParamsRequest request)
    {
        var at = scope.At(request.Height);
        var authority = at.State.Get(GovernanceKeys.Authority()) is { } value ? new Address(value).ToString() : "";
        var response = new DafParamsResponse
        {
            Params = DafState.Params(at.State),
            DafAddress = DafState.Address.ToString(),
            Authority = authority,
            Governs = DafState.Governs(at.State),
            Height = at.Height,
            StateRoot = at.Root.ToByteString(),
        };
        if (request.Prove) response.Proof = scope.Prove(DafKeys.Params(), at);
        return response;
    }

    public MembersResponse GetMembers(GetMembersRequest request)
    {
        var at = scope.At(request.Height);
        var members = DafState.Members(at.State);
        var response = new MembersResponse { TotalWeight = members.TotalWeight, Height = at.Height, StateRoot = at.Root.ToByteString() };
        response.Members.Add(members.Members);
        if (request.Prove) response.Proof = scope.Prove(DafKeys.Members(), at);
        return response;
    }

    public TreasuryResponse GetTreasury(GetTreasuryRequest request)
    {
        var at = scope.At(request.Height);
        return new TreasuryResponse
        {
            Address = DafState.Address.ToString(),
            Balance = Vm.State.Accounts.ReadRecord(at.State, DafState.Address).Balance.ToString(),
            DepositsHeld = DafState.DepositsHeld(at.State).ToString(),
            TotalStaked = GrantState.TotalStaked(at.State).ToString(),
            StakingAsset = DafState.Params(at.State).StakingAsset,
            Height = at.Height,
            StateRoot = at.Root.ToByteString(),
        };
    }

    private static ProposalState KnownProposal(IStateReader state, ulong id, ulong height, string field) =>
        DafState.GetProposal(state, id)
        ?? throw ApiErrors.NotFound($"no proposal {id} ({field}) at height {height} ({Range(DafState.LastProposalId(state))}); list them with ListProposals");

    private static string Range(ulong last) => last == 0 ? "there are none yet" : $"proposals are 1-{last}";

    private static void RequireId(ulong id, string field)
    {
        if (id == 0) throw ApiErrors.Invalid($"{field} is required: ids start at 1");
    }
}
