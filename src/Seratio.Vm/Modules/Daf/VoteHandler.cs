using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Daf;

/// <summary>
/// <see cref="MsgVote"/> (any signer; only council members count: NOT_A_MEMBER otherwise): a vote yes, no, abstain or
/// veto (INVALID_MSG for another option) on a proposal in its voting period (NOT_FOUND, PROPOSAL_NOT_OPEN), with the
/// member's weight now. A later vote replaces the earlier: its weight leaves the old option of the running tally and
/// joins the new one, so the tally at the end costs O(1). Emits "daf.vote" {id, voter, option, weight, changed}.
/// Gas: <see cref="GasCost"/>. Stateless; thread safe.
/// </summary>
public sealed class VoteHandler : IMsgHandler
{
    /// <summary>Fixed gas: the proposal, the vote and at most one voter-list chunk rewritten.</summary>
    public const ulong GasCost = 15_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.Vote;
    public string Name => "vote";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) =>
        msg.Vote is not { } v ? MsgResult.Fail(ResultCode.InvalidMsg, "vote message is empty")
        : v.ProposalId == 0 ? MsgResult.Fail(ResultCode.InvalidMsg, "proposal_id is 0; proposal ids start at 1 (see seratio daf list)")
        : v.Option is < VoteOption.Yes or > VoteOption.Veto
            ? MsgResult.Fail(ResultCode.InvalidMsg, $"option {(int)v.Option} is not a vote: use 1 yes, 2 no, 3 abstain or 4 veto")
        : MsgResult.Ok;

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var check = Validate(msg, context.Block.Params);
        if (!check.IsOk) return check;
        var vote = msg.Vote;
        var view = context.State;
        var reader = DafStore.Read(view);
        var proposal = Daf.GetProposal(reader, vote.ProposalId);
        if (proposal is null) return MsgResult.Fail(ResultCode.NotFound, $"proposal {vote.ProposalId} does not exist (see seratio daf list)");
        if (proposal.Status != ProposalStatus.VotingPeriod)
            return MsgResult.Fail(ResultCode.ProposalNotOpen,
                $"proposal {proposal.Id} is {DafEvent.Status(proposal.Status)}, not in its voting period: votes count only from voting_start_height to voting_end_height");
        ulong weight = Daf.MemberWeight(reader, context.Sender);
        if (weight == 0)
            return MsgResult.Fail(ResultCode.NotAMember, $"{context.Addresses.Of(context.Sender)} is not a member of the DAF's council: only members vote (see seratio daf members)");

        var old = Daf.GetVote(reader, proposal.Id, context.Sender);
        if (old is null) Daf.Voters(proposal.Id).Append(view, context.Sender.ToArray());
        else Move(proposal.Tally, old.Option, old.Weight, subtract: true);
        Move(proposal.Tally, vote.Option, weight, subtract: false);
        DafStore.SaveVote(view, new VoteRecord
        {
            ProposalId = proposal.Id, Voter = context.Sender.ToByteString(), Option = vote.Option, Weight = weight, Height = context.Block.Height,
        });
        DafStore.SaveProposal(view, proposal);
        context.Events.Add(DafEvent.Of(DafEvent.VoteType, ("id", DafEvent.Num(proposal.Id)), ("voter", context.Addresses.Of(context.Sender)),
            ("option", DafEvent.Option(vote.Option)), ("weight", DafEvent.Num(weight)), ("changed", old is null ? "false" : "true")));
        return MsgResult.Ok;
    }

    private static void Move(TallyResult tally, VoteOption option, ulong weight, bool subtract)
    {
        ulong Apply(ulong value) => subtract ? checked(value - weight) : checked(value + weight);
        switch (option)
        {
            case VoteOption.Yes: tally.Yes = Apply(tally.Yes); break;
            case VoteOption.No: tally.No = Apply(tally.No); break;
            case VoteOption.Abstain: tally.Abstain = Apply(tally.Abstain); break;
            case VoteOption.Veto: tally.Veto = Apply(tally.Veto); break;
            default: throw new InvalidDataException($"a stored DAF vote has option {option}");
        }
    }
}
