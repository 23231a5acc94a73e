using Google.Protobuf;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Modules.Grants.GrantChain;
using DafModule = Seratio.Vm.Modules.Daf.Daf;
using G = Seratio.Vm.Modules.Grants.Grants;

namespace Seratio.Vm.Tests.Modules.Grants;

/// <summary>Staking a microshare class ("ms:1"): lots move from holdings into stakes and back, so social value earns a voice.</summary>
public class MicroshareStakeTests
{
    /// <summary>
    /// Class 1 on certificates 1 and 2 (<see cref="MicroMsgs.Ready"/>); alice mints two lots on certificate 1 (2,000 units
    /// each: lots 1 and 2), carol one on certificate 2 (lot 3), which the issuer then revokes (carol's lot is frozen);
    /// staking_asset "ms:1"; grant 1 asks 1,000 SER of a 10,000 SER treasury.
    /// </summary>
    private static MemoryState Staking()
    {
        var state = MicroMsgs.Ready("dave", "requester");
        Ok(ValueMsgs.Run(state, "alice", MicroMsgs.MintMs(1, 1, "SER", "1000"), MicroMsgs.MintMs(1, 1, "SER", "1000")));
        Ok(ValueMsgs.Run(state, "carol", MicroMsgs.MintMs(1, 2, "SER", "100")));
        Ok(ValueMsgs.Run(state, "issuer", CertMsgs.RevokeCert(2)));
        var p = FastParams();
        p.StakingAsset = "ms:1";
        state.With(DafKeys.Params(), p.ToByteArray());
        state.WithAccount(DafModule.Address, Seratio.Core.Numerics.Ser.Whole(10_000));
        Ok(Send(state, 5, "requester", Request("dave", Seratio.Core.Numerics.Ser.Whole(1_000).ToString())));
        return state;
    }

    [Fact]
    public void Staking_LocksTheOldestLots_AndUnstaking_ReturnsTheSameLots()
    {
        var state = Staking();
        Assert.Equal("1:2000,2:2000", MicroMsgs.HoldingOf(state, "alice"));
        Ok(Send(state, 10, "alice", Stake(1, "2500")));
        Assert.Equal("2:1500", MicroMsgs.HoldingOf(state, "alice"));
        var stake = G.GetStake(state, 1, TestKeys.Address("alice"))!;
        Assert.Equal("ms:1", stake.Asset);
        Assert.Equal("2500", stake.Amount);
        Assert.Equal("1:2000,2:500", string.Join(",", stake.Lots.Select(l => $"{l.LotId}:{l.Units}")));
        Assert.Equal((Amount)2500, G.Staked(Grant(state, 1)));
        Assert.Equal(Amount.Zero, state.Account(G.StakesAddress).Balance); // no SER moved

        Ok(Send(state, 11, "alice", Stake(1, "100")));
        Assert.Equal("1:2000,2:600", string.Join(",", G.GetStake(state, 1, TestKeys.Address("alice"))!.Lots.Select(l => $"{l.LotId}:{l.Units}")));
        Ok(Send(state, 12, "alice", Unstake(1, "2100")));
        Assert.Equal("1:2000,2:1500", MicroMsgs.HoldingOf(state, "alice"));
        Assert.Equal("2:500", string.Join(",", G.GetStake(state, 1, TestKeys.Address("alice"))!.Lots.Select(l => $"{l.LotId}:{l.Units}")));
        Ok(Send(state, 13, "alice", Unstake(1, "500")));
        Assert.Equal("1:2000,2:2000", MicroMsgs.HoldingOf(state, "alice"));
        Assert.Null(G.GetStake(state, 1, TestKeys.Address("alice")));
        Assert.Equal(Amount.Zero, G.TotalStaked(state));
    }

    [Fact]
    public void StakingFrozenLots_IsFrozen_AndMoreUnitsThanHeld_IsInsufficientFunds()
    {
        var state = Staking();
        var frozen = Send(state, 10, "carol", Stake(1, "10"));
        Assert.Equal(ResultCode.Frozen, frozen.Code);
        Assert.Contains("lot 3", frozen.Log);
        Assert.Equal(ResultCode.InsufficientFunds, Send(state, 11, "alice", Stake(1, "4001")).Code);
        Assert.Equal(ResultCode.InsufficientFunds, Send(state, 12, "bob", Stake(0, "1")).Code);
        Assert.Equal("1:2000,2:2000", MicroMsgs.HoldingOf(state, "alice"));
        Assert.Null(G.GetStake(state, 1, TestKeys.Address("carol")));
    }

    [Fact]
    public void AGrantStakedWithMicroshares_PassesByConviction_AndIsPaidInSer()
    {
        var state = Staking();
        var dave = Ser(state, "dave");
        Ok(Send(state, 10, "alice", Stake(1, "3000")));
        // S = x = 3,000 units: τ = 0.0025 × 3000 / (0.1 × 0.1²) = 7,500; y → 30,000: passes once 0.9ⁿ ≤ 3/4, after 3 blocks.
        for (ulong h = 11; h <= 13; h++) Block(state, h);
        Assert.Equal(GrantStatus.Paid, Grant(state, 1).Status);
        Assert.Equal(13UL, Grant(state, 1).ClosedHeight);
        Assert.Equal(dave + Seratio.Core.Numerics.Ser.Whole(1_000), Ser(state, "dave"));
        Ok(Send(state, 14, "alice", Unstake(1, "3000")));
        Assert.Equal("1:2000,2:2000", MicroMsgs.HoldingOf(state, "alice"));
    }
}
