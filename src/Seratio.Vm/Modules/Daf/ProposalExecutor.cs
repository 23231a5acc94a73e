using Seratio.Core.Crypto;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Daf;

/// <summary>
/// Executes a passed proposal as the authority (docs/modules/daf.md, "Execution"): the power cap and the gas cap are
/// checked again against the chain as it is now, then the messages run with sender = <see cref="Daf.Address"/> through
/// the same <see cref="MessageRunner"/> and permission checks as a signed transaction, in a child view over the block's
/// state. All succeed: the writes are kept, EXECUTED. One fails: nothing of it is kept, FAILED with "message i (name):
/// why". The chain goes on either way. Stateless; thread safe (the views it writes are not).
/// </summary>
internal static class ProposalExecutor
{
    public static void Execute(IStateView state, BlockContext context, ProposalState proposal, List<Event> events)
    {
        proposal.ExecutedHeight = context.Height;
        var failure = Precheck(state, context, proposal);
        if (failure is null)
        {
            var child = new TxState(state);
            var inner = new List<Event>();
            var result = new MessageRunner(child, context, inner).Run(proposal.Msgs, Daf.Address, RunHash(proposal.Id));
            if (result.IsOk)
            {
                child.Commit();
                events.AddRange(inner);
            }
            else
            {
                child.Discard();
                failure = result.Log;
            }
        }
        proposal.Status = failure is null ? ProposalStatus.Executed : ProposalStatus.Failed;
        proposal.Failure = failure ?? "";
        DafStore.SaveProposal(state, proposal);
        events.Add(failure is null ? DafEvent.Proposal(proposal) : DafEvent.Proposal(proposal, ("failure", failure)));
    }

    /// <summary>The transaction hash the proposal's messages run under: H("seratio/daf-proposal" || id).</summary>
    public static Hash32 RunHash(ulong id)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, id);
        return Hashing.Hash(Domains.DafProposalExecution, bytes);
    }

    private static string? Precheck(IStateView state, BlockContext context, ProposalState proposal)
    {
        var power = ProposalRules.CheckPowerChange(state, proposal.Msgs, proposal.Params.MaxPowerChangeBps);
        if (!power.IsOk) return $"power cap at execution: {power.Log}";
        var messages = ProposalRules.CheckMessages(proposal.Msgs, context.Params, out ulong gas);
        if (!messages.IsOk) return messages.Log;
        if (gas > proposal.Params.MaxExecutionGas)
            return $"gas cap at execution: the messages need {gas} gas; the proposal's max_execution_gas is {proposal.Params.MaxExecutionGas}";
        return null;
    }
}
