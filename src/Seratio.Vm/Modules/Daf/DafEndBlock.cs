using System.Buffers.Binary;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Daf;

/// <summary>
/// The DAF's end-of-block step (docs/modules/daf.md, "Lifecycle"): deposit periods that lapse, votes that end
/// (tally, expedited fallback), passed proposals whose timelock ends (atomic execution as the authority). It touches
/// only the proposals listed as due at this height (<see cref="DafKeys.DuePrefix"/>; an entry whose proposal moved on
/// is skipped), in the order they were listed, then deletes the list. Its events go to
/// <see cref="DafKeys.EndBlockEvents"/> of the height. Stateless; thread safe.
/// </summary>
internal static class DafEndBlock
{
    public static void Run(IStateView state, BlockContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        ulong h = context.Height;
        var due = Daf.Due(h);
        var reader = DafStore.Read(state);
        ulong count = due.Count(reader);
        if (count == 0) return;
        var events = new List<Event>();
        for (ulong at = 0; at < count; at += DafList.ChunkSize)
            foreach (var item in due.Read(reader, at, DafList.ChunkSize))
            {
                var proposal = Daf.GetProposal(reader, BinaryPrimitives.ReadUInt64BigEndian(item))
                    ?? throw new InvalidDataException($"the DAF lists a proposal due at height {h} that does not exist");
                Step(state, context, proposal, events);
            }
        due.Delete(state);
        Daf.AppendEndBlockEvents(state, h, events);
    }

    private static void Step(IStateView state, BlockContext context, ProposalState proposal, List<Event> events)
    {
        ulong h = context.Height;
        if (proposal.Status == ProposalStatus.DepositPeriod && proposal.DepositEndHeight == h) Lapse(state, proposal, events);
        else if (proposal.Status == ProposalStatus.VotingPeriod && proposal.VotingEndHeight == h) Tally(state, context, proposal, events);
        else if (proposal.Status == ProposalStatus.Passed && proposal.ExecuteHeight == h) ProposalExecutor.Execute(state, context, proposal, events);
    }

    private static void Lapse(IStateView state, ProposalState proposal, List<Event> events)
    {
        ProposalLifecycle.Close(state, proposal, ProposalStatus.Lapsed);
        var burned = ProposalLifecycle.Burn(state, proposal);
        DafStore.SaveProposal(state, proposal);
        events.Add(DafEvent.Proposal(proposal, ("total_deposit", proposal.TotalDeposit), ("burned", burned.ToString())));
    }

    private static void Tally(IStateView state, BlockContext context, ProposalState proposal, List<Event> events)
    {
        ulong h = context.Height;
        switch (ProposalTally.Decide(proposal))
        {
            case TallyOutcome.Fallback:
                proposal.Expedited = false;
                proposal.VotingEndHeight = proposal.VotingStartHeight + proposal.Params.VotingPeriod - 1;
                DafStore.Schedule(state, proposal.VotingEndHeight, proposal.Id);
                DafStore.SaveProposal(state, proposal);
                events.Add(DafEvent.Proposal(proposal, [("fallback", "true"), ("voting_end_height", DafEvent.Num(proposal.VotingEndHeight)), .. DafEvent.Tally(proposal)]));
                return;
            case TallyOutcome.Rejected:
                ProposalLifecycle.Close(state, proposal, ProposalStatus.Rejected);
                ProposalLifecycle.Refund(state, proposal);
                DafStore.SaveProposal(state, proposal);
                events.Add(DafEvent.Proposal(proposal, DafEvent.Tally(proposal)));
                return;
            case TallyOutcome.Vetoed:
                ProposalLifecycle.Close(state, proposal, ProposalStatus.Vetoed);
                var burned = ProposalLifecycle.Burn(state, proposal);
                DafStore.SaveProposal(state, proposal);
                events.Add(DafEvent.Proposal(proposal, [.. DafEvent.Tally(proposal), ("burned", burned.ToString())]));
                return;
            case TallyOutcome.Passed:
                ProposalLifecycle.Close(state, proposal, ProposalStatus.Passed);
                ProposalLifecycle.Refund(state, proposal);
                proposal.PassedHeight = h;
                proposal.ExecuteHeight = proposal.Expedited ? h : h + proposal.Params.Timelock;
                DafStore.SaveProposal(state, proposal);
                events.Add(DafEvent.Proposal(proposal, [.. DafEvent.Tally(proposal), ("execute_height", DafEvent.Num(proposal.ExecuteHeight))]));
                if (proposal.ExecuteHeight == h) ProposalExecutor.Execute(state, context, proposal, events);
                else DafStore.Schedule(state, proposal.ExecuteHeight, proposal.Id);
                return;
        }
    }
}
