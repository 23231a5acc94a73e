using System.Globalization;
using System.Numerics;
using System.Text;
using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Grants;

/// <summary>
/// Typed reads of conviction grants (docs/modules/grants.md), shared by handlers, the end-of-block step and queries,
/// and the module's typed writes. A stored value that does not decode is a broken state invariant and throws.
/// Stateless; thread safe.
/// </summary>
public static class Grants
{
    /// <summary>The keyless account that holds what stakers locked (SER or altcoins; microshare lots sit in their stakes).</summary>
    public static Address StakesAddress { get; } = KeylessAddress.Of(Domains.DafStakes);

    public static GrantState? GetGrant(IStateReader state, ulong id) =>
        StateValues.Decode(Reader(state).Get(GrantKeys.Grant(id)), GrantState.Parser, "a grant");

    /// <summary>The last grant id handed out (0 = none): grants are 1..LastGrantId.</summary>
    public static ulong LastGrantId(IStateReader state) => StateValues.ReadU64(Reader(state).Get(GrantKeys.GrantCounter()), "the grant counter");

    /// <summary>The stake of <paramref name="staker"/> on a grant (0 = the abstain bucket), or null.</summary>
    public static GrantStake? GetStake(IStateReader state, ulong grantId, Address staker) =>
        StateValues.Decode(Reader(state).Get(GrantKeys.Stake(grantId, staker)), GrantStake.Parser, "a grant stake");

    /// <summary>How many grants <paramref name="staker"/> holds a stake on now (closed ones count until unstaked).</summary>
    public static uint Supports(IStateReader state, Address staker) => StateValues.ReadU32(Reader(state).Get(GrantKeys.Supports(staker)), "a staker's support count");

    /// <summary>S: everything staked, on every grant and the abstain bucket.</summary>
    public static Amount TotalStaked(IStateReader state)
    {
        var value = Reader(state).Get(GrantKeys.TotalStaked());
        return value is null ? Amount.Zero : StoredAmount(Encoding.ASCII.GetString(value), "total staked");
    }

    /// <summary>How many grants are open.</summary>
    public static uint OpenGrants(IStateReader state) => StateValues.ReadU32(Reader(state).Get(GrantKeys.OpenCount()), "the open grant count");

    /// <summary>R: the SER the DAF's treasury (<see cref="Daf.Daf.Address"/>) holds.</summary>
    public static Amount Treasury(IStateReader state) => Accounts.ReadRecord(Reader(state), Daf.Daf.Address).Balance;

    /// <summary>The grant's conviction brought to <paramref name="height"/> by the closed form (no state written).</summary>
    public static BigInteger ConvictionAt(GrantState grant, ulong height, DafParams p)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(p);
        var y = StoredConviction(grant);
        // A closed grant's conviction stays as it was when it closed; it no longer counts for anything.
        if (grant.Status != GrantStatus.Open || height <= grant.LastHeight) return y;
        return Conviction.After(y, Staked(grant).Value, height - grant.LastHeight, p.ConvictionDecayNum, p.ConvictionDecayDen);
    }

    /// <summary>The conviction the grant needs now, rounded up; null when it can never pass (amount ≥ β × treasury).</summary>
    public static BigInteger? ThresholdNow(IStateReader state, GrantState grant, DafParams p)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(p);
        return GrantThreshold.Threshold(Requested(grant), Treasury(state), TotalStaked(state), p);
    }

    /// <summary>r: the SER the grant asks for.</summary>
    public static Amount Requested(GrantState grant) => StoredAmount(grant.Amount, "grant amount");

    /// <summary>x: the stake on the grant now.</summary>
    public static Amount Staked(GrantState grant) => grant.Staked.Length == 0 ? Amount.Zero : StoredAmount(grant.Staked, "grant stake total");

    /// <summary>y at the grant's last_height.</summary>
    public static BigInteger StoredConviction(GrantState grant)
    {
        if (grant.Conviction.Length == 0) return BigInteger.Zero;
        if (!BigInteger.TryParse(grant.Conviction, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
            throw new InvalidDataException($"state holds grant {grant.Id} with a conviction that is not a decimal integer");
        return y;
    }

    /// <summary>The units a stake holds.</summary>
    public static Amount StakeAmount(GrantStake stake) => StoredAmount(stake.Amount, "stake amount");

    /// <summary>The asset a stake was locked in ("SER" when it predates the field).</summary>
    public static string StakeAsset(GrantStake stake) => stake.Asset.Length == 0 ? Ser.Symbol : stake.Asset;

    internal static void PutGrant(IStateView state, GrantState grant) => state.Set(GrantKeys.Grant(grant.Id), grant.ToByteArray());

    internal static void SetLastGrantId(IStateView state, ulong id) => state.Set(GrantKeys.GrantCounter(), StateValues.U64(id));

    /// <summary>Writes the stake; an amount of 0 deletes it.</summary>
    internal static void PutStake(IStateView state, GrantStake stake) =>
        state.Set(GrantKeys.Stake(stake.GrantId, new Address(stake.Staker.Span)), StakeAmount(stake).IsZero ? null : stake.ToByteArray());

    internal static void SetSupports(IStateView state, Address staker, uint count) =>
        state.Set(GrantKeys.Supports(staker), count == 0 ? null : StateValues.U32(count));

    internal static void SetTotalStaked(IStateView state, Amount total) =>
        state.Set(GrantKeys.TotalStaked(), total.IsZero ? null : Encoding.ASCII.GetBytes(total.ToString()));

    internal static void SetOpenGrants(IStateView state, uint count) =>
        state.Set(GrantKeys.OpenCount(), count == 0 ? null : StateValues.U32(count));

    internal static void SetConviction(GrantState grant, BigInteger y, ulong height)
    {
        grant.Conviction = y.ToString(CultureInfo.InvariantCulture);
        grant.LastHeight = height;
    }

    /// <summary>A view read through the same typed reads.</summary>
    internal static IStateReader Read(IStateView view) => new ViewReader(view);

    private static Amount StoredAmount(string text, string what) =>
        Amount.TryParse(text, out var amount, out var error) ? amount : throw new InvalidDataException($"state holds a {what} that is invalid: {error}");

    private static IStateReader Reader(IStateReader state) => state ?? throw new ArgumentNullException(nameof(state));
}
