using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Vm.Fees;
using Seratio.Vm.State;

namespace Seratio.Node.Mempool.Admission;

/// <summary>
/// Accounts and the fee rule of the Vm, seen through <see cref="IAdmissionPolicy"/>, so the pool
/// and a block never disagree on what a transaction may spend. Stateless; thread safe.
/// </summary>
internal sealed class VmAdmissionPolicy : IAdmissionPolicy
{
    public AccountSnapshot ReadAccount(IStateReader state, Address address, bool organisation = true)
    {
        var record = Accounts.ReadRecord(state, address);
        return new AccountSnapshot(record.Nonce, record.Balance, organisation ? Vm.Modules.Organisations.Multisig.Get(state, address) : null);
    }

    public Amount MaxSpend(SignedTx tx) => FeeRule.MaxSpend(tx);

    public uint OpenOrders(IStateReader state, Address owner, ulong marketId) => Vm.Modules.Exchange.Exchange.OpenOrders(state, owner, marketId);
}
