using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Daf;

/// <summary>
/// <see cref="MsgDepositProposal"/> (any signer): adds SER to a proposal in its deposit period (NOT_FOUND,
/// PROPOSAL_NOT_OPEN otherwise; amount &gt; 0, INVALID_MSG). A depositor not yet on the proposal brings at least
/// ceil(min_deposit / max_depositors) (DEPOSIT_TOO_LOW) and finds fewer than max_depositors there (TOO_MANY_PROPOSALS), so
/// the refund walk stays bounded; a depositor already on it may add any amount. Reaching min_deposit opens the vote at
/// this height. INSUFFICIENT_FUNDS when the sender cannot pay. Emits "daf.deposit" {id, depositor, amount,
/// total_deposit}, and "daf.proposal" (voting_period) when the vote opens. Gas: <see cref="GasCost"/>. Stateless; thread safe.
/// </summary>
public sealed class DepositProposalHandler : IMsgHandler
{
    /// <summary>Fixed gas: the proposal, one deposit record, a depositor-list chunk, the due list.</summary>
    public const ulong GasCost = 25_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.DepositProposal;
    public string Name => "deposit-proposal";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;

    public Amount MaxSerSpend(Msg msg) =>
        msg.DepositProposal is { } d && Amount.TryParse(d.Amount, out var amount, out _) ? amount : Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p)
    {
        if (msg.DepositProposal is not { } d) return MsgResult.Fail(ResultCode.InvalidMsg, "deposit_proposal message is empty");
        if (d.ProposalId == 0) return MsgResult.Fail(ResultCode.InvalidMsg, "proposal_id is 0; proposal ids start at 1 (see seratio daf list)");
        if (!Amount.TryParse(d.Amount, out var amount, out var error)) return MsgResult.Fail(ResultCode.InvalidMsg, $"amount: {error}");
        if (amount.IsZero) return MsgResult.Fail(ResultCode.InvalidMsg, "amount must be above 0");
        return MsgResult.Ok;
    }

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var check = Validate(msg, context.Block.Params);
        if (!check.IsOk) return check;
        var d = msg.DepositProposal;
        var amount = Amount.Parse(d.Amount);
        var view = context.State;
        var reader = DafStore.Read(view);
        var proposal = Daf.GetProposal(reader, d.ProposalId);
        if (proposal is null) return MsgResult.Fail(ResultCode.NotFound, $"proposal {d.ProposalId} does not exist (see seratio daf list)");
        if (proposal.Status != ProposalStatus.DepositPeriod)
            return MsgResult.Fail(ResultCode.ProposalNotOpen,
                $"proposal {proposal.Id} is {DafEvent.Status(proposal.Status)}: deposits are taken only in the deposit period");
        var p = proposal.Params;
        if (Daf.GetDeposit(reader, proposal.Id, context.Sender) is null)
        {
            if (proposal.Depositors >= p.MaxDepositors)
                return MsgResult.Fail(ResultCode.TooManyProposals,
                    $"proposal {proposal.Id} already has {proposal.Depositors} depositors, the limit (max_depositors); only they may add to it");
            var least = DafRules.MinNewDeposit(p);
            if (amount < least)
                return MsgResult.Fail(ResultCode.DepositTooLow,
                    $"a new depositor brings at least min_deposit / max_depositors = {least} base units; {amount} is less");
        }
        var sender = view.GetAccount(context.Sender);
        if (sender.Balance < amount)
            return MsgResult.Fail(ResultCode.InsufficientFunds, $"amount {amount} exceeds the sender's balance {sender.Balance}");

        ProposalDeposits.Add(view, proposal, context.Sender, amount);
        context.Events.Add(DafEvent.Of(DafEvent.DepositType, ("id", DafEvent.Num(proposal.Id)), ("depositor", context.Addresses.Of(context.Sender)),
            ("amount", amount.ToString()), ("total_deposit", proposal.TotalDeposit)));
        if (Amount.Parse(proposal.TotalDeposit) >= Amount.Parse(p.MinDeposit))
        {
            ProposalLifecycle.StartVoting(view, proposal, context.Block.Height);
            context.Events.Add(DafEvent.Proposal(proposal, ("voting_end_height", DafEvent.Num(proposal.VotingEndHeight))));
        }
        DafStore.SaveProposal(view, proposal);
        return MsgResult.Ok;
    }
}
