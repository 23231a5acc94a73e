using System.Numerics;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Daf;

/// <summary>
/// <see cref="MsgSubmitProposal"/> (any signer): opens proposal id = last id + 1 under a copy of the DAF's parameters
/// now (docs/modules/daf.md, "Submitting"). Refusals in order: title, uri, hash, a message that is not valid or is a
/// submit/deposit/vote (INVALID_MSG naming its index); more than max_messages or more gas than max_execution_gas
/// (GAS_CAP_EXCEEDED); validator changes past max_power_change_bps (POWER_CHANGE_TOO_LARGE); expedited with a message
/// that is no emergency (NOT_EXPEDITABLE); the proposer's or the chain's active proposals at their limit
/// (TOO_MANY_PROPOSALS); initial_deposit below min_initial_deposit_bps of min_deposit (DEPOSIT_TOO_LOW); the sender
/// cannot pay it (INSUFFICIENT_FUNDS). An initial deposit of min_deposit or more opens the vote at once. Emits
/// "daf.proposal" (status deposit_period or voting_period), and "daf.deposit" for a non-zero deposit.
/// Gas: <see cref="GasCost"/>. Stateless; thread safe.
/// </summary>
public sealed class SubmitProposalHandler : IMsgHandler
{
    /// <summary>Fixed gas: the proposal (with its messages), counters, one deposit and the due list.</summary>
    public const ulong GasCost = 60_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.SubmitProposal;
    public string Name => "submit-proposal";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;

    public Amount MaxSerSpend(Msg msg) =>
        msg.SubmitProposal is { } s && Amount.TryParse(s.InitialDeposit, out var amount, out _) ? amount : Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p)
    {
        if (msg.SubmitProposal is not { } s) return MsgResult.Fail(ResultCode.InvalidMsg, "submit_proposal message is empty");
        if (s.Title.Length == 0) return MsgResult.Fail(ResultCode.InvalidMsg, "title is empty; a proposal needs a title");
        if (s.MetadataHash.Length is not (0 or ProposalRules.HashSize))
            return MsgResult.Fail(ResultCode.InvalidMsg, $"metadata_hash must be empty or {ProposalRules.HashSize} bytes (SHA-256), got {s.MetadataHash.Length}");
        if (s.Msgs.Count > DafRules.MaxMessagesLimit)
            return MsgResult.Fail(ResultCode.GasCapExceeded, $"the proposal carries {s.Msgs.Count} messages; no chain allows more than {DafRules.MaxMessagesLimit}");
        if (!Amount.TryParse(s.InitialDeposit.Length == 0 ? "0" : s.InitialDeposit, out _, out var error))
            return MsgResult.Fail(ResultCode.InvalidMsg, $"initial_deposit: {error}");
        // The inner messages need no state to be judged well formed, so the mempool refuses a bad one at admission.
        return ProposalRules.CheckMessages(s.Msgs, p, out _);
    }

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var check = Validate(msg, context.Block.Params);
        if (!check.IsOk) return check;
        var s = msg.SubmitProposal;
        var view = context.State;
        var reader = DafStore.Read(view);
        var p = Daf.Params(reader);

        var content = ProposalRules.CheckContent(s, p, context.Block.Params, out ulong gas);
        if (!content.IsOk) return content;
        var power = ProposalRules.CheckPowerChange(view, s.Msgs, p.MaxPowerChangeBps);
        if (!power.IsOk) return power;
        var (chain, own) = Daf.ActiveProposals(reader, context.Sender);
        if (own >= p.MaxActivePerProposer)
            return MsgResult.Fail(ResultCode.TooManyProposals,
                $"{context.Addresses.Of(context.Sender)} already has {own} proposals in their deposit or voting period; the limit is {p.MaxActivePerProposer} (max_active_per_proposer): wait until one is tallied");
        if (chain >= p.MaxActiveProposals)
            return MsgResult.Fail(ResultCode.TooManyProposals,
                $"the chain already has {chain} proposals in their deposit or voting period; the limit is {p.MaxActiveProposals} (max_active_proposals)");
        var deposit = Amount.Parse(s.InitialDeposit.Length == 0 ? "0" : s.InitialDeposit);
        var minDeposit = Amount.Parse(p.MinDeposit);
        if ((BigInteger)deposit.Value * DafRules.Bps < (BigInteger)minDeposit.Value * p.MinInitialDepositBps)
            return MsgResult.Fail(ResultCode.DepositTooLow,
                $"initial_deposit is {deposit} base units; it must be at least {p.MinInitialDepositBps} basis points of min_deposit {minDeposit} ({MinInitial(minDeposit, p.MinInitialDepositBps)} base units)");
        var sender = view.GetAccount(context.Sender);
        if (sender.Balance < deposit)
            return MsgResult.Fail(ResultCode.InsufficientFunds, $"initial_deposit {deposit} exceeds the sender's balance {sender.Balance}");

        ulong h = context.Block.Height;
        var proposal = new ProposalState
        {
            Id = DafStore.NextProposalId(view),
            Proposer = context.Sender.ToByteString(),
            Title = s.Title,
            MetadataUri = s.MetadataUri,
            MetadataHash = s.MetadataHash,
            Expedited = s.Expedited,
            WasExpedited = s.Expedited,
            Critical = ProposalRules.IsCritical(s.Msgs),
            Params = p,
            TotalDeposit = "0",
            SubmitHeight = h,
            Tally = new TallyResult(),
            Gas = gas,
        };
        proposal.Msgs.Add(s.Msgs);
        if (!deposit.IsZero) ProposalDeposits.Add(view, proposal, context.Sender, deposit);
        DafStore.CountActive(view, context.Sender, +1);
        if (deposit >= minDeposit)
        {
            ProposalLifecycle.StartVoting(view, proposal, h);
        }
        else
        {
            proposal.Status = ProposalStatus.DepositPeriod;
            proposal.DepositEndHeight = h + p.DepositPeriod - 1;
            DafStore.Schedule(view, proposal.DepositEndHeight, proposal.Id);
        }
        DafStore.SaveProposal(view, proposal);
        context.Events.Add(DafEvent.Proposal(proposal, ("proposer", context.Addresses.Of(context.Sender)), ("expedited", s.Expedited ? "true" : "false"),
            ("critical", proposal.Critical ? "true" : "false"), ("total_deposit", proposal.TotalDeposit),
            proposal.Status == ProposalStatus.VotingPeriod ? ("voting_end_height", DafEvent.Num(proposal.VotingEndHeight)) : ("deposit_end_height", DafEvent.Num(proposal.DepositEndHeight))));
        if (!deposit.IsZero)
            context.Events.Add(DafEvent.Of(DafEvent.DepositType, ("id", DafEvent.Num(proposal.Id)), ("depositor", context.Addresses.Of(context.Sender)),
                ("amount", deposit.ToString()), ("total_deposit", proposal.TotalDeposit)));
        return MsgResult.Ok;
    }

    private static Amount MinInitial(Amount minDeposit, uint bps)
    {
        var n = (BigInteger)minDeposit.Value * bps;
        var q = BigInteger.DivRem(n, DafRules.Bps, out var r);
        return new Amount((UInt128)(q + (r.IsZero ? 0 : 1)));
    }
}
