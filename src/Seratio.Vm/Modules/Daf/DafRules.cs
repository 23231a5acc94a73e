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
}
