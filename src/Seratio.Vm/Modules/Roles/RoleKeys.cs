using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Roles;

/// <summary>The state keys of the roles module. Stateless; thread safe.</summary>
public static class RoleKeys
{
    /// <summary>The prefixes this module may take.</summary>
    public static readonly PrefixRange Range = new(0x10, 0x1F);

    /// <summary>An account's <c>RoleSet</c> (key: 20-byte address).</summary>
    public const byte RolesPrefix = 0x10;

    public static Hash32 Roles(Address account) => StateKey.Address(RolesPrefix, account);
}
