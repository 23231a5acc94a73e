using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.CertMsgs;
using static Seratio.Vm.Tests.Support.MicroMsgs;
using static Seratio.Vm.Tests.Support.ValueMsgs;
using Ms = Seratio.Vm.Modules.Microshares.Microshares;

namespace Seratio.Vm.Tests.Modules.Microshares;

public class MicroshareSpendTests
{
    /// <summary>Ready state where alice minted lot 1 (200 units, cert 1) and lot 2 (20 units, cert 2) of class 1.</summary>
    private static MemoryState TwoLots()
    {
        var state = MicroMsgs.Ready();
        Assert.Equal(ResultCode.Ok, Run(state, "alice", 2, MintMs(1, 1, "SER", "100")).Code);
        Assert.Equal(ResultCode.Ok, Run(state, "alice", 2, MintMs(1, 2, "SER", "10")).Code);
        return state;
    }

    [Fact]
    public void Send_TakesOldestLotsFirst_AndTheRecipientKeepsTheLotIds()
    {
        var state = TwoLots();
        var receipt = Run(state, "alice", SendMs(1, "bob", "205"));
        Assert.True(receipt.Code == ResultCode.Ok, receipt.Log);
        Assert.Equal("2:15", HoldingOf(state, "alice"));
        Assert.Equal("1:200,2:5", HoldingOf(state, "bob"));
        var ev = Assert.Single(receipt.Events);
        Assert.Equal(("microshares_sent", "1:200,2:5"), (ev.Type, Attributes(ev)["lots"]));
        // Units of one lot merge in the recipient's holding.
        Assert.Equal(ResultCode.Ok, Run(state, "alice", SendMs(1, "bob", "5", 2)).Code);
        Assert.Equal("1:200,2:10", HoldingOf(state, "bob"));
    }

    [Fact]
    public void Send_FromNamedLots_TakesThemInTheOrderGiven()
    {
        var state = TwoLots();
        Assert.Equal(ResultCode.Ok, Run(state, "alice", SendMs(1, "bob", "25", 2, 1)).Code);
        Assert.Equal("1:195", HoldingOf(state, "alice"));
        Assert.Equal("1:5,2:20", HoldingOf(state, "bob"));
    }

    [Fact]
    public void Send_RefusesLotsThatAreNotTheSenders_UnknownLots_AndShortfalls()
    {
        var state = TwoLots();
        Run(state, "alice", SendMs(1, "bob", "1", 1));
        var notHeld = Run(state, "carol", SendMs(1, "bob", "1", 1));
        Assert.Equal(ResultCode.Unauthorized, notHeld.Code);
        Assert.Contains($"lot 1 does not belong to {Addr("carol")}", notHeld.Log);
        var unknown = Run(state, "alice", SendMs(1, "bob", "1", 77));
        Assert.Equal(ResultCode.NotFound, unknown.Code);
        Assert.Contains("lot 77 does not exist", unknown.Log);
        var otherClass = Run(state, "alice", SendMs(9, "bob", "1"));
        Assert.Equal(ResultCode.NotFound, otherClass.Code);
        var shortNamed = Run(state, "alice", SendMs(1, "bob", "21", 2));
        Assert.Equal(ResultCode.InsufficientFunds, shortNamed.Code);
        Assert.Contains("the named lots hold 20 units", shortNamed.Log);
        var shortAll = Run(state, "alice", SendMs(1, "bob", "1000"));
        Assert.Equal(ResultCode.InsufficientFunds, shortAll.Code);
        Assert.Contains("holds 219 units of class 1, less than the 1000", shortAll.Log);
        Assert.Equal("1:199,2:20", HoldingOf(state, "alice"));
    }

    [Fact]
    public void Send_OfUnitsOfARevokedCertificate_IsFrozen_NamingTheCertificateAndReason()
    {
        var state = TwoLots();
        Run(state, "issuer", 4, RevokeCert(1, "evidence withdrawn"));
        var named = Run(state, "alice", SendMs(1, "bob", "1", 1));
        Assert.Equal(ResultCode.Frozen, named.Code);
        Assert.Contains("lot 1 is frozen (certificate 1 revoked at height 4: evidence withdrawn)", named.Log);
        // Oldest first skips the frozen lot while movable units suffice ...
        Assert.Equal(ResultCode.Ok, Run(state, "alice", SendMs(1, "bob", "15")).Code);
        Assert.Equal("1:200,2:5", HoldingOf(state, "alice"));
        // ... and says why when they do not.
        var tooMany = Run(state, "alice", SendMs(1, "bob", "6"));
        Assert.Equal(ResultCode.Frozen, tooMany.Code);
        Assert.Contains("can move only 5 units of class 1", tooMany.Log);
        Assert.Contains("lot 1 (certificate 1 revoked at height 4: evidence withdrawn)", tooMany.Log);
        Assert.Equal(ResultCode.Frozen, Run(state, "alice", BurnMs(1, "1", 1)).Code);
        Assert.Equal(ResultCode.Frozen, Run(state, "alice", RedeemMs(1, "1", 1)).Code);
        Assert.Equal("1:200,2:5", HoldingOf(state, "alice"));
    }

    [Fact]
    public void Redeem_ReleasesBackingProRata_AndTheLastUnitReleasesTheRemainder()
    {
        var state = MicroMsgs.Ready();
        Run(state, "rb", CreateClass("THIRD", MintRuleKind.Fixed, 3, 1, true, 1));
        Run(state, "alice", MintMs(2, 1, "SER", "10")); // 30 units for 10 base units
        var reserveAccount = Ms.ReserveAddress(2);
        var before = state.Account("alice").Balance;
        var first = Run(state, "alice", RedeemMs(2, "7"));
        Assert.True(first.Code == ResultCode.Ok, first.Log);
        // floor(10 × 7 / 30) = 2
        Assert.Equal("SER:2", Attributes(Assert.Single(first.Events))["released"]);
        Assert.Equal(before + new Amount(2) - Amount.Parse(first.Fee), state.Account("alice").Balance);
        Run(state, "alice", SendMs(2, "bob", "23"));
        var last = Run(state, "bob", RedeemMs(2, "23"));
        Assert.Equal("SER:8", Attributes(Assert.Single(last.Events))["released"]);
        Assert.Equal(Amount.Zero, state.Account(reserveAccount).Balance);
        var lot = Ms.GetLot(state, 1)!;
        Assert.Equal(("30", "10"), (lot.UnitsRedeemed, lot.Released));
        var reserve = Ms.GetReserve(state, 2, "SER")!;
        Assert.Equal(("10", "10", "30"), (reserve.Committed, reserve.Released, reserve.UnitsBurned));
    }

    [Fact]
    public void Burn_ReleasesNothing_AndRedeemOnANonRedeemableClass_IsUnauthorized()
    {
        var state = MicroMsgs.Ready();
        Run(state, "rb", CreateClass("LOCK", MintRuleKind.Fixed, 1, 1, false, 1));
        Run(state, "alice", MintMs(2, 1, "SER", "50"));
        var redeem = Run(state, "alice", RedeemMs(2, "1"));
        Assert.Equal(ResultCode.Unauthorized, redeem.Code);
        Assert.Contains("class 2 (LOCK) is not redeemable", redeem.Log);
        var burn = Run(state, "alice", BurnMs(2, "20"));
        Assert.Equal(ResultCode.Ok, burn.Code);
        Assert.Equal("1:30", HoldingOf(state, "alice", 2));
        Assert.Equal(new Amount(50), state.Account(Ms.ReserveAddress(2)).Balance);
        Assert.Equal(("50", "20"), (Ms.GetClass(state, 2)!.UnitsMinted, Ms.GetClass(state, 2)!.UnitsBurned));
        Assert.Equal("20", Ms.GetLot(state, 1)!.UnitsBurned);
    }

    [Fact]
    public void AFailingMessage_UndoesEveryEarlierMessageOfItsTransaction()
    {
        var state = MicroMsgs.Ready();
        var reserveBefore = state.Account(Ms.ReserveAddress(1)).Balance;
        var receipt = Run(state, "alice", MintMs(1, 1, "SER", "10"), SendMs(1, "bob", "5"), SendMs(1, "bob", "100"));
        Assert.Equal(ResultCode.InsufficientFunds, receipt.Code);
        Assert.StartsWith("message 2 (send-microshares)", receipt.Log);
        Assert.Equal(("", ""), (HoldingOf(state, "alice"), HoldingOf(state, "bob")));
        Assert.Null(Ms.GetLot(state, 1));
        Assert.Equal(reserveBefore, state.Account(Ms.ReserveAddress(1)).Balance);
        Assert.Equal("0", Ms.GetClass(state, 1)!.UnitsMinted);
    }

    [Fact]
    public void AHolderKeepsAtMost256LotsOfAClass()
    {
        var state = MicroMsgs.Ready();
        for (int i = 0; i < 16; i++)
        {
            var msgs = Enumerable.Range(0, 16).Select(_ => MintMs(1, 1, "SER", "1")).ToArray();
            Assert.Equal(ResultCode.Ok, Run(state, "alice", msgs).Code);
        }
        var full = Run(state, "alice", MintMs(1, 1, "SER", "1"));
        Assert.Equal(ResultCode.LimitExceeded, full.Code);
        Assert.Contains("already holds 256 lots of class 1", full.Log);
        Run(state, "bob", MintMs(1, 1, "SER", "1"));
        var receive = Run(state, "bob", SendMs(1, "alice", "1"));
        Assert.Equal(ResultCode.LimitExceeded, receive.Code);
        Assert.Equal(ResultCode.Ok, Run(state, "alice", SendMs(1, "bob", "2", 1)).Code);
        Assert.Equal(ResultCode.Ok, Run(state, "bob", SendMs(1, "alice", "1", 257)).Code);
    }

    [Theory]
    [InlineData(0UL, "1", "class_id is required")]
    [InlineData(1UL, "0", "units is 0")]
    [InlineData(1UL, "01", "units")]
    public void Spends_WithBadFields_AreInvalid(ulong classId, string units, string why)
    {
        var state = MicroMsgs.Ready();
        var refused = Run(state, "alice", SendMs(classId, "bob", units));
        Assert.Equal(ResultCode.InvalidMsg, refused.Code);
        Assert.Contains(why, refused.Log);
        Assert.Contains("listed twice", Run(state, "alice", BurnMs(1, "1", 3, 3)).Log);
    }
}

public class MicroshareAltcoinRedemptionTests
{
    [Fact]
    public void Redeem_OfAnAltcoinBackedLot_PaysTheAltcoinBack_AndLeavesSerAlone()
    {
        var state = MicroMsgs.Ready();
        Run(state, "rb", Create("PTS", "1000000", "rb"));
        Run(state, "rb", Mint("PTS", "alice", "90"));
        Assert.Equal(ResultCode.Ok, Run(state, "alice", MintMs(1, 2, "PTS", "90")).Code); // 180 units
        Assert.Equal(ResultCode.Ok, Run(state, "alice", MintMs(1, 1, "SER", "5")).Code); // lot 2: 10 units
        var receipt = Run(state, "alice", RedeemMs(1, "185"));
        Assert.True(receipt.Code == ResultCode.Ok, receipt.Log);
        Assert.Equal("PTS:90,SER:2", Attributes(Assert.Single(receipt.Events))["released"]);
        Assert.Equal(new Amount(90), Vm.Modules.Altcoins.Altcoins.BalanceOf(state, "PTS", Addr("alice")));
        Assert.Equal(Amount.Zero, Vm.Modules.Altcoins.Altcoins.BalanceOf(state, "PTS", Ms.ReserveAddress(1)));
        Assert.Equal(new Amount(3), state.Account(Ms.ReserveAddress(1)).Balance);
        Assert.Equal("2:5", HoldingOf(state, "alice"));
    }
}
