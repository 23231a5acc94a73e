using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Daf;

/// <summary>
/// Takes a deposit onto a proposal: the SER moves from the depositor to <see cref="Daf.DepositsAddress"/>, the
/// depositor's record grows, a new depositor joins the list the refund walks. The caller checked the funds.
/// Stateless; thread safe (the views it writes are not).
/// </summary>
internal static class ProposalDeposits
{
    public static void Add(IStateView view, ProposalState proposal, Address depositor, Amount amount)
    {
        var from = view.GetAccount(depositor);
        view.SetAccount(depositor, from.WithBalance(from.Balance - amount));
        var held = view.GetAccount(Daf.DepositsAddress);
        view.SetAccount(Daf.DepositsAddress, held.WithBalance(held.Balance + amount));

        var record = Daf.GetDeposit(DafStore.Read(view), proposal.Id, depositor);
        if (record is null)
        {
            record = new DepositRecord { ProposalId = proposal.Id, Depositor = depositor.ToByteString(), Amount = "0" };
            Daf.DepositorList(proposal.Id).Append(view, depositor.ToArray());
            proposal.Depositors++;
        }
        record.Amount = (Amount.Parse(record.Amount) + amount).ToString();
        DafStore.SaveDeposit(view, record);
        proposal.TotalDeposit = (Amount.Parse(proposal.TotalDeposit) + amount).ToString();
    }
}
