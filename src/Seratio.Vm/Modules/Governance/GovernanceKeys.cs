using Seratio.Core.Crypto;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Governance;

/// <summary>The state keys of governance. Stateless; thread safe.</summary>
public static class GovernanceKeys
{
    /// <summary>The prefixes this module may take.</summary>
    public static readonly PrefixRange Range = new(0x02, 0x02);

    /// <summary>The authority account (one fixed key, 20-byte address value).</summary>
    public const byte AuthorityPrefix = 0x02;

    /// <summary>The state key of the authority account.</summary>
    public static Hash32 Authority() => StateKey.Fixed(AuthorityPrefix);
}
