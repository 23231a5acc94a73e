using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Organisations;

/// <summary>The state keys of organisation accounts (docs/modules/organisations.md). Stateless; thread safe.</summary>
public static class MultisigKeys
{
    /// <summary>The prefixes this module may take.</summary>
    public static readonly PrefixRange Range = new(0xB0, 0xB3);

    /// <summary>An organisation account (key: its address; <c>MultisigAccountState</c>).</summary>
    public const byte AccountPrefix = 0xB0;

    public static Hash32 Account(Address address) => StateKey.Address(AccountPrefix, address);
}
