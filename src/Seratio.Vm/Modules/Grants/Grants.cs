using System.Numerics;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Grants;

/// <summary>
/// Typed reads of conviction grants (docs/modules/grants.md), shared by handlers, the end-of-block step and queries.
/// A stored value that does not decode is a broken state invariant and throws. Stateless; thread safe.
/// </summary>
public static class Grants
{
    /// <summary>The keyless account that holds what stakers locked (SER or altcoins; microshare lots sit in their stakes).</summary>
    public static Address StakesAddress { get; } = KeylessAddress.Of(Domains.DafStakes);

    public static GrantState? GetGrant(IStateReader state, ulong id) => throw new NotImplementedException("the grants helper fills this");

    /// <summary>The last grant id handed out (0 = none): grants are 1..LastGrantId.</summary>
    public static ulong LastGrantId(IStateReader state) => throw new NotImplementedException("the grants helper fills this");

    /// <summary>The stake of <paramref name="staker"/> on a grant (0 = the abstain bucket), or null.</summary>
    public static GrantStake? GetStake(IStateReader state, ulong grantId, Address staker) => throw new NotImplementedException("the grants helper fills this");

    /// <summary>How many grants <paramref name="staker"/> holds a stake on now (closed ones count until unstaked).</summary>
    public static uint Supports(IStateReader state, Address staker) => throw new NotImplementedException("the grants helper fills this");

    /// <summary>S: everything staked, on every grant and the abstain bucket.</summary>
    public static Amount TotalStaked(IStateReader state) => throw new NotImplementedException("the grants helper fills this");

    /// <summary>The grant's conviction brought to <paramref name="height"/> by the closed form (no state written).</summary>
    public static BigInteger ConvictionAt(GrantState grant, ulong height, DafParams p) => throw new NotImplementedException("the grants helper fills this");

    /// <summary>The conviction the grant needs now, rounded up; null when it can never pass (amount ≥ β × treasury).</summary>
    public static BigInteger? ThresholdNow(IStateReader state, GrantState grant, DafParams p) => throw new NotImplementedException("the grants helper fills this");
}
