using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Assets;

/// <summary>The state keys of the assets module (SER accounts). Stateless; thread safe.</summary>
public static class AccountKeys
{
    /// <summary>The prefixes this module may take.</summary>
    public static readonly PrefixRange Range = new(0x01, 0x01);

    /// <summary>An account (nonce and SER balance) → AccountState (key: 20-byte address).</summary>
    public const byte AccountPrefix = 0x01;

    // The state tree hashes this key for every touched account: one stack buffer, no hasher object.
    public static Hash32 Account(Address address) => StateKey.Address(AccountPrefix, address);
}
