using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Vm.Modules.Assets;
using Seratio.Vm.State;

namespace Seratio.Node.Validators;

/// <summary>Committed state as a read-only <see cref="IStateView"/>, for the Vm's typed readers. Writes throw. Thread safe as its reader.</summary>
internal sealed class ReadOnlyStateView(IStateReader state) : IStateView
{
    public AccountRecord GetAccount(Address address) => Accounts.Decode(state.Get(AccountKeys.Account(address)));
    public void SetAccount(Address address, AccountRecord account) => throw new InvalidOperationException("read-only state");
    public byte[]? Get(in Hash32 key) => state.Get(key);
    public void Set(in Hash32 key, byte[]? value) => throw new InvalidOperationException("read-only state");
}
