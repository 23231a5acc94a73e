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

    /// <summary>How many grants (not the abstain bucket) an account holds a non-zero stake on (key: staker; 4 bytes big-endian; absent = 0).</summary>
    public const byte SupportsPrefix = 0xA3;

    /// <summary>S, everything staked on every grant and the abstain bucket (one fixed key; decimal text of base units; absent = 0).</summary>
    public const byte TotalStakedPrefix = 0xA4;

    /// <summary>
    /// The grants due a check at the end of a height, an append-only id list (<see cref="GrantSchedule"/>): count under
    /// key height (8 bytes big-endian; 8 bytes), chunk i of 64 ids under height || i (<c>OrderIdChunk</c>). Deleted once the height is checked.
    /// </summary>
    public const byte DuePrefix = 0xA5;

    /// <summary>How many grants are open (one fixed key; 4 bytes big-endian; absent = 0).</summary>
    public const byte OpenCountPrefix = 0xA6;

    public static Hash32 Grant(ulong id) => StateKey.Id(GrantPrefix, id);

    public static Hash32 GrantCounter() => StateKey.Fixed(GrantCounterPrefix);

    public static Hash32 Stake(ulong grantId, Address staker) =>
        new StateKey.Builder(StakePrefix, stackalloc byte[1 + 8 + Address.Size]).UInt64(grantId).Address(staker).Build();

    public static Hash32 Supports(Address staker) => StateKey.Address(SupportsPrefix, staker);

    public static Hash32 TotalStaked() => StateKey.Fixed(TotalStakedPrefix);

    /// <summary>The count key of the grants due at <paramref name="height"/> (<see cref="GrantSchedule.Due"/>).</summary>
    public static Hash32 Due(ulong height) => StateKey.Id(DuePrefix, height);

    public static Hash32 OpenCount() => StateKey.Fixed(OpenCountPrefix);
}
