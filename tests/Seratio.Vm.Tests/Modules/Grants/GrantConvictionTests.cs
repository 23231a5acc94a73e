using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Modules.Grants.GrantChain;
using G = Seratio.Vm.Modules.Grants.Grants;

using DafModule = Seratio.Vm.Modules.Daf.Daf;

namespace Seratio.Vm.Tests.Modules.Grants;

/// <summary>Grants funded by conviction over many blocks through the block executor, end to end in the Vm.</summary>
public class GrantConvictionTests
{
    [Fact]
    public void AGrantStakedOn_PassesAtThePredictedHeight_IsPaidFromTheTreasury_AndStakersGetTheirStakeBack()
    {
        var p = FastParams();
        Amount treasury = Seratio.Core.Numerics.Ser.Whole(10_000), requested = Seratio.Core.Numerics.Ser.Whole(1_000);
        var state = Ready(treasury, p);
        Ok(Send(state, 5, "requester", Request("dave", requested.ToString())));
        var daveBefore = Ser(state, "dave");
        var stakesBefore = state.Account(G.StakesAddress).Balance;
        var staked = Block(state, 10, ("alice", [Stake(1, "3000000")]), ("bob", [Stake(1, "1000000")]), ("carol", [Stake(0, "4000000")]));
        Assert.All(staked.Receipts, Ok);
        Assert.Equal((Amount)8_000_000, G.TotalStaked(state));

        // τ = ρ·S / ((1−a)(β − r/R)²) = 0.0025 × 8e6 / (0.1 × 0.1²) = 2e7; y → 4e6 / 0.1 = 4e7: passes once 0.9ⁿ ≤ 1/2.
        int blocks = ExactConviction.BlocksToPass(4_000_000, requested.Value, treasury.Value, 8_000_000, p, 100)
                     ?? throw new InvalidOperationException("the exact conviction never passes");
        Assert.Equal(7, blocks);
        ulong passHeight = 10 + (ulong)blocks;
        Assert.Equal(passHeight, Grant(state, 1).NextCheckHeight);

        for (ulong h = 11; h < passHeight; h++)
        {
            Block(state, h);
            var open = Grant(state, 1);
            Assert.True(open.Status == GrantStatus.Open, $"paid early at height {h}");
            Assert.True(G.ConvictionAt(open, h, p) < G.ThresholdNow(state, open, p)!.Value, $"conviction passes at {h} before the predicted {passHeight}");
        }
        Block(state, passHeight);
        var paid = Grant(state, 1);
        Assert.Equal(GrantStatus.Paid, paid.Status);
        Assert.Equal(passHeight, paid.ClosedHeight);
        Assert.Equal(daveBefore + requested, Ser(state, "dave"));
        Assert.Equal(treasury - requested, Treasury(state));
        var ev = Assert.Single(DafModule.EndBlockEvents(state, passHeight));
        Assert.Equal("grant.paid", ev.Type);
        Assert.Equal(0u, G.OpenGrants(state));

        // Stakes stay until unstaked; unstaking returns them in full.
        var alice = Ser(state, "alice");
        var unstake = Send(state, passHeight + 1, "alice", Unstake(1, "3000000"));
        Ok(unstake);
        Assert.Equal(alice - Amount.Parse(unstake.Fee) + 3_000_000, Ser(state, "alice"));
        Ok(Send(state, passHeight + 2, "bob", Unstake(1, "1000000")));
        Assert.Equal(stakesBefore + 4_000_000, state.Account(G.StakesAddress).Balance); // carol's abstain stake is left
        Assert.Equal((Amount)4_000_000, G.TotalStaked(state));
        Assert.Equal(0u, G.Supports(state, TestKeys.Address("alice")));
        Assert.Equal("0", Grant(state, 1).Staked);
    }

    [Fact]
    public void AGrant_PaidFromExchangeFees_TheTreasuryHoldsNothingElse()
    {
        var state = ExMsgs.Ready();
        var p = FastParams();
        state.With(DafKeys.Params(), Google.Protobuf.MessageExtensions.ToByteArray(p));
        Assert.Equal(Amount.Zero, Treasury(state));
        ExMsgs.Ok(ValueMsgs.Run(state, ValueMsgs.Authority, ExMsgs.CreateMarket("GREEN", "SER", "1", "10", "10", 0, 10)));
        // bob rests a sell, alice takes it in the next block: the taker pays 10 bps of the SER value to the treasury.
        Assert.All(ExMsgs.Block(state, 2, ("bob", [ExMsgs.Sell(1, "500", "1000000")])).Receipts, Ok);
        Assert.All(ExMsgs.Block(state, 3, ("alice", [ExMsgs.Buy(1, "500", "1000000")])).Receipts, Ok);
        var fees = Treasury(state);
        Assert.True(fees > Amount.Zero, "the trade paid no fee into the treasury");

        var requested = new Amount(fees.Value / 20); // 5% of the treasury
        Ok(Send(state, 4, "carol", Request("dave", requested.ToString())));
        var dave = Ser(state, "dave");
        Ok(Send(state, 5, "carol", Stake(1, "1000000")));
        int blocks = ExactConviction.BlocksToPass(1_000_000, requested.Value, fees.Value, 1_000_000, p, 100)
                     ?? throw new InvalidOperationException("the exact conviction never passes");
        for (ulong h = 6; h <= 5 + (ulong)blocks; h++) Block(state, h);
        var grant = Grant(state, 1);
        Assert.Equal(GrantStatus.Paid, grant.Status);
        Assert.Equal(5 + (ulong)blocks, grant.ClosedHeight);
        Assert.Equal(dave + requested, Ser(state, "dave"));
        Assert.Equal(fees - requested, Treasury(state));
    }

    [Fact]
    public void AGrantNobodyStakesOn_Expires_AtItsExpireHeight()
    {
        var state = Ready(1_000_000, FastParams(lifetime: 5));
        Ok(Send(state, 1, "requester", Request("dave", "100")));
        for (ulong h = 2; h < 6; h++) Block(state, h);
        Assert.Equal(GrantStatus.Open, Grant(state, 1).Status);
        Block(state, 6);
        Assert.Equal(GrantStatus.Expired, Grant(state, 1).Status);
        Assert.Equal("grant.expired", Assert.Single(DafModule.EndBlockEvents(state, 6)).Type);
        Assert.Equal((Amount)1_000_000, Treasury(state));
    }

    [Fact]
    public void TwoGrantsDueTogether_TheSecondIsNotPaid_WhenTheFirstPaymentLeavesItAtBetaOfTheTreasury_UntilTheTreasuryGrows()
    {
        var p = FastParams();
        p.GrantWeightPpm = 1; // a low bar: conviction passes one block after staking
        var state = Ready(1_000_000, p);
        Ok(Send(state, 1, "requester", Request("dave", "190000"), Request("carol", "190000")));
        Assert.All(Block(state, 2, ("alice", [Stake(1, "1000")]), ("bob", [Stake(2, "1000")])).Receipts, Ok);
        Assert.Equal(3UL, Grant(state, 1).NextCheckHeight);
        Assert.Equal(3UL, Grant(state, 2).NextCheckHeight);

        Block(state, 3);
        // Ascending id: grant 1 is paid first; 190,000 is then more than β = 20 % of the 810,000 left.
        Assert.Equal(GrantStatus.Paid, Grant(state, 1).Status);
        Assert.Equal(GrantStatus.Open, Grant(state, 2).Status);
        Assert.Equal((Amount)810_000, Treasury(state));
        Assert.Null(G.ThresholdNow(state, Grant(state, 2), p));
        Assert.Equal(Grant(state, 2).ExpireHeight, Grant(state, 2).NextCheckHeight);

        // A deposit lifts β·R above the request again; a touch has it checked at the end of this block.
        Assert.All(Block(state, 4,
            ("requester", [new Msg { Transfer = new MsgTransfer { To = DafModule.Address.ToByteString(), Denom = "SER", Amount = "200000" } }]),
            ("bob", [Stake(2, "1")])).Receipts, Ok);
        Assert.Equal(GrantStatus.Paid, Grant(state, 2).Status);
        Assert.Equal(4UL, Grant(state, 2).ClosedHeight);
        Assert.Equal((Amount)820_000, Treasury(state));
    }
}
