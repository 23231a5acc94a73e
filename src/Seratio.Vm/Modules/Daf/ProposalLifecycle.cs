using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Daf;

/// <summary>
/// The transitions handlers and the end-of-block step share (docs/modules/daf.md, "Lifecycle"): entering the voting
/// period, leaving the active periods, and settling deposits (refund or burn, walking the depositor list, so bounded by
/// max_depositors). Stateless; thread safe (the views it writes are not).
/// </summary>
internal static class ProposalLifecycle
{
    /// <summary>
    /// Opens the vote at <paramref name="height"/>: heights voting_start..voting_end inclusive, voting_end = start +
    /// (expedited_)voting_period − 1, tallied at the end of voting_end; the council's weight is snapshotted.
    /// </summary>
    public static void StartVoting(IStateView view, ProposalState p, ulong height)
    {
        p.Status = ProposalStatus.VotingPeriod;
        p.VotingStartHeight = height;
        p.VotingEndHeight = height + (p.Expedited ? p.Params.ExpeditedVotingPeriod : p.Params.VotingPeriod) - 1;
        p.TotalWeight = Daf.Members(DafStore.Read(view)).TotalWeight;
        p.Tally ??= new TallyResult();
        DafStore.Schedule(view, p.VotingEndHeight, p.Id);
    }

    /// <summary>Moves a proposal out of the deposit or voting period into <paramref name="status"/>.</summary>
    public static void Close(IStateView view, ProposalState p, ProposalStatus status)
    {
        p.Status = status;
        DafStore.CountActive(view, new Address(p.Proposer.Span), -1);
    }

    /// <summary>Pays every depositor back what it deposited.</summary>
    public static void Refund(IStateView view, ProposalState p)
    {
        var reader = DafStore.Read(view);
        foreach (var depositor in Daf.Depositors(reader, p.Id, 0, (int)Math.Min(p.Depositors, int.MaxValue)))
        {
            var record = Daf.GetDeposit(reader, p.Id, depositor)
                ?? throw new InvalidDataException($"the DAF lists depositor {depositor} on proposal {p.Id} without its deposit");
            var amount = Amount.Parse(record.Amount);
            var deposits = view.GetAccount(Daf.DepositsAddress);
            if (deposits.Balance < amount)
                throw new InvalidOperationException($"the DAF's deposits account holds less than proposal {p.Id}'s deposits");
            view.SetAccount(Daf.DepositsAddress, deposits.WithBalance(deposits.Balance - amount));
            var to = view.GetAccount(depositor);
            view.SetAccount(depositor, to.WithBalance(to.Balance + amount));
        }
    }

    /// <summary>Takes the proposal's deposits out of circulation: the deposits account is debited, nobody credited, the burned total grows.</summary>
    public static Amount Burn(IStateView view, ProposalState p)
    {
        var total = Amount.Parse(p.TotalDeposit);
        if (total.IsZero) return total;
        var deposits = view.GetAccount(Daf.DepositsAddress);
        if (deposits.Balance < total)
            throw new InvalidOperationException($"the DAF's deposits account holds less than proposal {p.Id}'s deposits");
        view.SetAccount(Daf.DepositsAddress, deposits.WithBalance(deposits.Balance - total));
        DafStore.AddBurned(view, total);
        return total;
    }
}
