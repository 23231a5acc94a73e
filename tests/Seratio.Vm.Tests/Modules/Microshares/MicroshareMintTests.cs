using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Altcoins;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.CertMsgs;
using static Seratio.Vm.Tests.Support.MicroMsgs;
using static Seratio.Vm.Tests.Support.ValueMsgs;
using Ms = Seratio.Vm.Modules.Microshares.Microshares;

namespace Seratio.Vm.Tests.Modules.Microshares;

public class MicroshareMintTests
{
    [Fact]
    public void CreateClass_ByARewardingBody_StoresIt_WithAReserveAccount_AndEmitsAnEvent()
    {
        var state = MicroMsgs.Ready();
        var c = Ms.GetClass(state, 1)!;
        Assert.Equal(("GOOD", true, 2UL, 1UL), (c.Symbol, c.Redeemable, c.Rule.Numerator, c.Rule.Denominator));
        Assert.Equal([1UL, 2UL], c.CertificateIds);
        Assert.Equal(Ms.ReserveAddress(1).ToByteString(), c.ReserveAddress);
        Assert.Equal(1UL, Ms.ClassIdOf(state, "GOOD"));
        var second = Run(state, "rb", CreateClass("FAIR", MintRuleKind.SeRatio, 1, 1, redeemable: false, 1));
        Assert.Equal(ResultCode.Ok, second.Code);
        var ev = Assert.Single(second.Events);
        Assert.Equal(("microshare_class_created", "2", "FAIR", "false"), (ev.Type, Attributes(ev)["class"], Attributes(ev)["symbol"], Attributes(ev)["redeemable"]));
    }

    [Fact]
    public void CreateClass_WithoutTheRewardingBodyRole_IsUnauthorized()
    {
        var state = MicroMsgs.Ready();
        var refused = Run(state, "alice", CreateClass("ALICE", MintRuleKind.Fixed, 1, 1, false, 1));
        Assert.Equal(ResultCode.Unauthorized, refused.Code);
        Assert.Contains("lacks the rewarding-body role", refused.Log);
    }

    [Fact]
    public void CreateClass_RefusesTakenSymbols_UnknownAndRevokedCertificates()
    {
        var state = MicroMsgs.Ready();
        var duplicate = Run(state, "rb", CreateClass("GOOD", MintRuleKind.Fixed, 1, 1, false, 1));
        Assert.Equal(ResultCode.AlreadyExists, duplicate.Code);
        Assert.Contains("symbol 'GOOD' is already used by microshare class 1", duplicate.Log);
        var unknown = Run(state, "rb", CreateClass("NEW", MintRuleKind.Fixed, 1, 1, false, 1, 99));
        Assert.Equal(ResultCode.NotFound, unknown.Code);
        Assert.Contains("certificate 99 does not exist", unknown.Log);
        Run(state, "issuer", 3, RevokeCert(2, "double counted"));
        var revoked = Run(state, "rb", CreateClass("NEW", MintRuleKind.Fixed, 1, 1, false, 2));
        Assert.Equal(ResultCode.Frozen, revoked.Code);
        Assert.Contains("certificate 2 revoked at height 3: double counted", revoked.Log);
        Assert.Equal(0UL, Ms.ClassIdOf(state, "NEW"));
    }

    [Theory]
    [InlineData("", MintRuleKind.Fixed, 1UL, 1UL, "symbol is required")]
    [InlineData("bad", MintRuleKind.Fixed, 1UL, 1UL, "must start with an upper-case letter")]
    [InlineData("OK", MintRuleKind.Unspecified, 1UL, 1UL, "rule.kind is required")]
    [InlineData("OK", MintRuleKind.Fixed, 0UL, 1UL, "rule.numerator is 0")]
    [InlineData("OK", MintRuleKind.SeRatio, 1UL, 0UL, "rule.denominator is 0")]
    public void CreateClass_WithBadFields_IsInvalid(string symbol, MintRuleKind kind, ulong n, ulong d, string why)
    {
        var state = MicroMsgs.Ready();
        var refused = Run(state, "rb", CreateClass(symbol, kind, n, d, false, 1));
        Assert.Equal(ResultCode.InvalidMsg, refused.Code);
        Assert.Contains(why, refused.Log);
    }

    [Fact]
    public void CreateClass_WithDuplicateOrNoCertificates_IsInvalid()
    {
        var state = MicroMsgs.Ready();
        Assert.Contains("listed twice", Run(state, "rb", CreateClass("DUP", MintRuleKind.Fixed, 1, 1, false, 1, 1)).Log);
        Assert.Contains("certificate_ids is empty", Run(state, "rb", CreateClass("NONE", MintRuleKind.Fixed, 1, 1, false)).Log);
    }

    [Fact]
    public void Mint_AgainstSer_LocksTheBackingInTheReserve_AndRecordsEveryFlag()
    {
        var state = MicroMsgs.Ready();
        var before = state.Account("alice").Balance;
        var receipt = Run(state, "alice", 5, MintMs(1, 1, "SER", "1000"));
        Assert.True(receipt.Code == ResultCode.Ok, receipt.Log);
        var lot = Ms.GetLot(state, 1)!;
        Assert.Equal(("SER", "1000", 1UL, 5UL, "2000"), (lot.Flags.OriginAsset, lot.Flags.OriginAmount, lot.Flags.CertificateId, lot.Flags.MintHeight, lot.UnitsMinted));
        Assert.Equal(receipt.TxHash, lot.Flags.OriginTxHash);
        Assert.Equal(Addr("alice").ToByteString(), lot.Flags.Minter);
        Assert.Equal("1:2000", HoldingOf(state, "alice"));
        Assert.Equal(new Amount(1000), state.Account(Ms.ReserveAddress(1)).Balance);
        Assert.Equal(before - new Amount(1000) - Amount.Parse(receipt.Fee), state.Account("alice").Balance);
        var reserve = Ms.GetReserve(state, 1, "SER")!;
        Assert.Equal(("1000", "0", "2000"), (reserve.Committed, reserve.Released, reserve.UnitsMinted));
        var ev = Assert.Single(receipt.Events);
        Assert.Equal(("microshares_minted", "1", "2000", "SER"), (ev.Type, Attributes(ev)["lot"], Attributes(ev)["units"], Attributes(ev)["origin_asset"]));
    }

    [Fact]
    public void Mint_UnderTheSeRatioRule_FloorsBackingTimesRatio()
    {
        var state = MicroMsgs.Ready();
        Run(state, "rb", CreateClass("SOCIAL", MintRuleKind.SeRatio, 1, 3, false, 1));
        Assert.Equal(ResultCode.Ok, Run(state, "alice", MintMs(2, 1, "SER", "7")).Code);
        // 7 × 2.5 / 3 = 5.83… → 5
        Assert.Equal("5", Ms.GetLot(state, 1)!.UnitsMinted);
        var tooLittle = Run(state, "alice", MintMs(2, 1, "SER", "1"));
        Assert.Equal(ResultCode.InvalidMsg, tooLittle.Code);
        Assert.Contains("buy 0 units", tooLittle.Log);
    }

    [Fact]
    public void Mint_AgainstAnAltcoin_MovesItsBalanceToTheReserve()
    {
        var state = MicroMsgs.Ready();
        Run(state, "rb", Create("PTS", "1000000", "rb"));
        Run(state, "rb", Mint("PTS", "alice", "500"));
        Assert.Equal(ResultCode.Ok, Run(state, "alice", MintMs(1, 2, "PTS", "300")).Code);
        Assert.Equal(new Amount(200), Altcoins.BalanceOf(state, "PTS", Addr("alice")));
        Assert.Equal(new Amount(300), Altcoins.BalanceOf(state, "PTS", Ms.ReserveAddress(1)));
        Assert.Equal(["PTS"], Ms.GetClass(state, 1)!.ReserveAssets);
        var short_ = Run(state, "alice", MintMs(1, 2, "PTS", "201"));
        Assert.Equal(ResultCode.InsufficientFunds, short_.Code);
        Assert.Contains("holds 200 PTS base units, less than the 201 to commit", short_.Log);
    }

    [Fact]
    public void Mint_Refusals_NameTheProblem_AndWriteNothing()
    {
        var state = MicroMsgs.Ready();
        Run(state, "rb", CreateClass("ONE", MintRuleKind.Fixed, 1, 1, false, 1));
        Assert.Equal(ResultCode.NotFound, Run(state, "alice", MintMs(9, 1, "SER", "10")).Code);
        var notNamed = Run(state, "alice", MintMs(2, 2, "SER", "10"));
        Assert.Equal(ResultCode.InvalidMsg, notNamed.Code);
        Assert.Contains("class 2 does not carry certificate 2; mint against one of 1", notNamed.Log);
        var noAsset = Run(state, "alice", MintMs(1, 1, "NOPE", "10"));
        Assert.Equal(ResultCode.NotFound, noAsset.Code);
        Assert.Contains("asset 'NOPE' does not exist", noAsset.Log);
        Assert.Equal(ResultCode.InsufficientFunds, Run(state, "alice", MintMs(1, 1, "SER", "999999999999")).Code);
        Run(state, "issuer", 3, RevokeCert(1, "fraud"));
        var revoked = Run(state, "alice", MintMs(1, 1, "SER", "10"));
        Assert.Equal(ResultCode.Frozen, revoked.Code);
        Assert.Contains("certificate 1 revoked at height 3: fraud", revoked.Log);
        Assert.Equal(0UL, Ms.LastLotId(state));
        Assert.Equal("", HoldingOf(state, "alice"));
    }

    [Fact]
    public void Mint_AgainstAnExpiredCertificate_IsInvalid()
    {
        var state = CertMsgs.Ready(["rb", "alice"]);
        Run(state, Authority, Grant("rb", Role.RewardingBody));
        Run(state, "issuer", Issue(Cert(validUntil: TimeAt(3))));
        Run(state, "rb", CreateClass("SHORT", MintRuleKind.Fixed, 1, 1, false, 1));
        Assert.Equal(ResultCode.Ok, Run(state, "alice", 2, MintMs(1, 1, "SER", "10")).Code);
        var expired = Run(state, "alice", 3, MintMs(1, 1, "SER", "10"));
        Assert.Equal(ResultCode.InvalidMsg, expired.Code);
        Assert.Contains("certificate 1 is expired", expired.Log);
    }
}
