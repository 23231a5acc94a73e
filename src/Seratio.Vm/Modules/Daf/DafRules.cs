using System.Globalization;
using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Daf;

/// <summary>The DAF's defaults and limits (docs/modules/daf.md, "Parameters"). Stateless; thread safe.</summary>
public static class DafRules
{
    /// <summary>Basis points in one (a share of 10000 is all).</summary>
    public const uint Bps = 10_000;

    /// <summary>The least critical_threshold_bps may be: critical changes need two thirds of the council's weight.</summary>
    public const uint MinCriticalThresholdBps = 6_667;

    /// <summary>The most max_power_change_bps may be: one proposal never moves more than a third of the voting power.</summary>
    public const uint MaxPowerChangeBps = 3_333;

    /// <summary>The most members a council may have.</summary>
    public const int MaxMembers = 1_000;

    /// <summary>The largest denominator of the conviction decay.</summary>
    public const ulong MaxDecayDenominator = 1_000_000_000;

    /// <summary>The parameters of a chain whose genesis names none (a fresh copy each call).</summary>
    public static DafParams DefaultParams => new()
    {
        MinDeposit = Ser.Whole(1_000).ToString(),
        MinInitialDepositBps = 2_500,
        DepositPeriod = 14_400,
        VotingPeriod = 100_800,
        ExpeditedVotingPeriod = 14_400,
        Timelock = 28_800,
        QuorumBps = 3_340,
        ThresholdBps = 5_000,
        VetoThresholdBps = 3_340,
        ExpeditedThresholdBps = 6_667,
        CriticalThresholdBps = 6_667,
        MaxMessages = 16,
        MaxActivePerProposer = 5,
        MaxActiveProposals = 100,
        MaxExecutionGas = 2_000_000,
        MaxPowerChangeBps = 3_333,
        MaxDepositors = 64,
        StakingAsset = Ser.Symbol,
        ConvictionDecayNum = 9_999,
        ConvictionDecayDen = 10_000,
        GrantMaxRatioBps = 2_000,
        GrantWeightPpm = 2_500,
        MaxSupportsPerStaker = 10,
        GrantLifetime = 201_600,
        MaxOpenGrants = 100,
        MaxTitleBytes = 140,
        MaxUriBytes = 256,
    };

    /// <summary>The longest period (deposit, voting, timelock, grant lifetime) a parameter may name, in blocks: heights never overflow.</summary>
    public const ulong MaxPeriod = 1_000_000_000;

    /// <summary>The most messages a proposal may carry, whatever max_messages says.</summary>
    public const uint MaxMessagesLimit = 64;

    /// <summary>The largest weight a member may have (sums and products stay far inside 64 and 128 bits).</summary>
    public const ulong MaxMemberWeight = 1_000_000_000_000;

    /// <summary>What is wrong with <paramref name="p"/> (genesis or MsgSetDafParams), or null when it is valid.</summary>
    public static string? ParamsProblem(DafParams? p)
    {
        if (p is null) return "params are missing";
        if (!Amount.TryParse(p.MinDeposit, out var minDeposit, out var error)) return $"min_deposit: {error}";
        if (minDeposit.IsZero) return "min_deposit must be above 0";
        if (Share("min_initial_deposit_bps", p.MinInitialDepositBps, 0) is { } a) return a;
        if (Period("deposit_period", p.DepositPeriod, 1) is { } b) return b;
        if (Period("voting_period", p.VotingPeriod, 2) is { } c) return c;
        if (Period("expedited_voting_period", p.ExpeditedVotingPeriod, 1) is { } d) return d;
        if (p.ExpeditedVotingPeriod >= p.VotingPeriod)
            return $"expedited_voting_period ({p.ExpeditedVotingPeriod}) must be below voting_period ({p.VotingPeriod})";
        if (Period("timelock", p.Timelock, 0) is { } e) return e;
        if (Share("quorum_bps", p.QuorumBps, 1) is { } f) return f;
        if (p.ThresholdBps >= Bps) return $"threshold_bps is {p.ThresholdBps}; it must be below {Bps} (yes must exceed it)";
        if (Share("veto_threshold_bps", p.VetoThresholdBps, 1) is { } g) return g;
        if (Share("expedited_threshold_bps", p.ExpeditedThresholdBps, 1) is { } h) return h;
        if (Share("critical_threshold_bps", p.CriticalThresholdBps, MinCriticalThresholdBps) is { } i) return i;
        if (p.MaxMessages is 0 or > MaxMessagesLimit) return $"max_messages is {p.MaxMessages}; it must be 1 to {MaxMessagesLimit}";
        if (p.MaxActiveProposals is 0 or > 10_000) return $"max_active_proposals is {p.MaxActiveProposals}; it must be 1 to 10000";
        if (p.MaxActivePerProposer == 0 || p.MaxActivePerProposer > p.MaxActiveProposals)
            return $"max_active_per_proposer is {p.MaxActivePerProposer}; it must be 1 to max_active_proposals ({p.MaxActiveProposals})";
        if (p.MaxExecutionGas == 0) return "max_execution_gas must be above 0";
        if (p.MaxPowerChangeBps > MaxPowerChangeBps)
            return $"max_power_change_bps is {p.MaxPowerChangeBps}; one proposal may move at most {MaxPowerChangeBps} (a third of the voting power)";
        if (p.MaxDepositors is 0 or > 1_000) return $"max_depositors is {p.MaxDepositors}; it must be 1 to 1000";
        if (StakingAssetProblem(p.StakingAsset) is { } j) return j;
        if (p.ConvictionDecayNum == 0 || p.ConvictionDecayNum >= p.ConvictionDecayDen || p.ConvictionDecayDen > MaxDecayDenominator)
            return $"conviction decay {p.ConvictionDecayNum}/{p.ConvictionDecayDen}: it must satisfy 0 < num < den <= {MaxDecayDenominator}";
        if (Share("grant_max_ratio_bps", p.GrantMaxRatioBps, 1) is { } k) return k;
        if (p.GrantWeightPpm is 0 or > 1_000_000) return $"grant_weight_ppm is {p.GrantWeightPpm}; it must be 1 to 1000000";
        if (p.MaxSupportsPerStaker is 0 or > 100) return $"max_supports_per_staker is {p.MaxSupportsPerStaker}; it must be 1 to 100";
        if (Period("grant_lifetime", p.GrantLifetime, 1) is { } l) return l;
        if (p.MaxOpenGrants is 0 or > 10_000) return $"max_open_grants is {p.MaxOpenGrants}; it must be 1 to 10000";
        if (p.MaxTitleBytes is 0 or > 1_024) return $"max_title_bytes is {p.MaxTitleBytes}; it must be 1 to 1024";
        if (p.MaxUriBytes > 2_048) return $"max_uri_bytes is {p.MaxUriBytes}; it must be at most 2048";
        return null;
    }

    /// <summary>What is wrong with a council (genesis or MsgSetDafMembers), or null: 1..1000 distinct 20-byte addresses, weights 1..10^12.</summary>
    public static string? MembersProblem(IReadOnlyList<DafMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0) return "the council needs at least one member";
        if (members.Count > MaxMembers) return $"the council has {members.Count} members; the limit is {MaxMembers}";
        var seen = new HashSet<Address>();
        for (int i = 0; i < members.Count; i++)
        {
            var m = members[i];
            if (m.Address.Length != Address.Size) return $"member {i}: address must be {Address.Size} bytes, got {m.Address.Length}";
            var address = new Address(m.Address.Span);
            if (!seen.Add(address)) return $"member {i}: {address} is listed twice";
            if (m.Weight is 0 or > MaxMemberWeight) return $"member {i} ({address}): weight is {m.Weight}; it must be 1 to {MaxMemberWeight}";
        }
        return null;
    }

    /// <summary>The council as stored: ascending address, with its total weight.</summary>
    public static DafMembers Canonical(IEnumerable<DafMember> members)
    {
        var sorted = members.Select(m => new DafMember { Address = m.Address, Weight = m.Weight })
            .OrderBy(m => new Address(m.Address.Span)).ToList();
        var council = new DafMembers();
        council.Members.Add(sorted);
        foreach (var m in sorted) council.TotalWeight = checked(council.TotalWeight + m.Weight);
        return council;
    }

    /// <summary>The least SER a depositor not yet on a proposal brings: ceil(min_deposit / max_depositors).</summary>
    public static Amount MinNewDeposit(DafParams p)
    {
        var min = Amount.Parse(p.MinDeposit).Value;
        UInt128 n = p.MaxDepositors;
        return new Amount(min / n + (min % n == 0 ? UInt128.Zero : UInt128.One));
    }

    private static string? Share(string name, uint value, uint min) =>
        value < min || value > Bps ? $"{name} is {value}; it must be {min} to {Bps} (basis points)" : null;

    private static string? Period(string name, ulong value, ulong min) =>
        value < min || value > MaxPeriod ? $"{name} is {value}; it must be {min} to {MaxPeriod} blocks" : null;

    private static string? StakingAssetProblem(string asset)
    {
        if (asset == Ser.Symbol) return null;
        if (asset.StartsWith("ms:", StringComparison.Ordinal))
            return ulong.TryParse(asset.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
                ? null
                : $"staking_asset '{asset}': a microshare class is written ms:<class id>, the id a positive decimal number";
        return Altcoins.AssetSymbol.Problem(asset) is { } problem ? $"staking_asset '{asset}': {problem}" : null;
    }
}
