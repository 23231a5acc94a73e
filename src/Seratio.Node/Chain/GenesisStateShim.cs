using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Node.Chain;

/// <summary>
/// TEMPORARY — replace with Seratio.Vm's GenesisState.Build(Genesis) at merge and delete this file.
/// The genesis state: AccountState{nonce 0, balance} under StateKeys.Account(address) for each
/// genesis account, sorted by state key. Pure.
/// </summary>
internal static class GenesisStateShim
{
    public static IReadOnlyList<StateChange> Build(Genesis genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        return genesis.Accounts
            .Select(a => new StateChange(
                StateKeys.Account(Address.Parse(a.Address)),
                new AccountState { Nonce = 0, Balance = a.Balance }.ToByteArray()))
            .OrderBy(c => c.Key)
            .ToList();
    }
}
