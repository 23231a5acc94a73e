using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Grants;

/// <summary>The state keys of conviction grants (docs/modules/grants.md, "State"). Stateless; thread safe.</summary>
public static class GrantKeys
{
    /// <summary>The prefixes this module may take.</summary>
    public static readonly PrefixRange Range = new(0xA0, 0xAF);

    /// <summary>A grant request (key: id, 8 bytes big-endian; <c>GrantState</c>).</summary>
    public const byte GrantPrefix = 0xA0;

    /// <summary>The last grant id handed out (one fixed key; 8 bytes big-endian).</summary>
    public const byte GrantCounterPrefix = 0xA1;

    /// <summary>A staker's stake on a grant (key: grant id || staker; <c>GrantStake</c>; grant 0 = the abstain bucket).</summary>
    public const byte StakePrefix = 0xA2;

    public static Hash32 Grant(ulong id) => StateKey.Id(GrantPrefix, id);

    public static Hash32 GrantCounter() => StateKey.Fixed(GrantCounterPrefix);

    public static Hash32 Stake(ulong grantId, Address staker) =>
        new StateKey.Builder(StakePrefix, stackalloc byte[1 + 8 + Address.Size]).UInt64(grantId).Address(staker).Build();
}
