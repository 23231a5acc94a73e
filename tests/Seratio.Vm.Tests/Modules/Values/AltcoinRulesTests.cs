using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Admission;
using Seratio.Vm.Modules;
using Seratio.Vm.Modules.Altcoins;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.ValueMsgs;

namespace Seratio.Vm.Tests.Modules.Values;

public class AltcoinRulesTests
{
    /// <summary>"rb" is a rewarding body that created GREEN (cap 1000) with "minter" as mint authority.</summary>
    private static MemoryState WithGreen(params string[] funded)
    {
        var state = NewState([.. funded, "rb", "minter"]);
        Assert.Equal(ResultCode.Ok, Run(state, Authority, Grant("rb", Role.RewardingBody)).Code);
        Assert.Equal(ResultCode.Ok, Run(state, "rb", Create("GREEN", "1000", "minter")).Code);
        return state;
    }

    [Fact]
    public void Create_StoresDenomination_WithZeroSupply()
    {
        var state = WithGreen();
        var asset = Altcoins.Get(state, "GREEN")!;
        Assert.Equal("GREEN token", asset.Name);
        Assert.Equal(2U, asset.Decimals);
        Assert.Equal("1000", asset.MaxSupply);
        Assert.Equal("0", asset.Supply);
        Assert.Equal(Addr("minter").ToByteString(), asset.MintAuthority);
        Assert.Equal(Addr("rb").ToByteString(), asset.Creator);
    }

    [Fact]
    public void DuplicateSymbol_IsAlreadyExists()
    {
        var state = WithGreen();
        var receipt = Run(state, "rb", Create("GREEN", "5", "rb"));
        Assert.Equal(ResultCode.AlreadyExists, receipt.Code);
        Assert.Contains("asset 'GREEN' already exists", receipt.Log);
        Assert.Equal("1000", Altcoins.Get(state, "GREEN")!.MaxSupply);
    }

    [Fact]
    public void Mint_WithinCap_CreditsAndRaisesSupply_BeyondCap_IsLimitExceeded()
    {
        var state = WithGreen("alice");
        var ok = Run(state, "minter", Mint("GREEN", "alice", "600"));
        Assert.Equal(ResultCode.Ok, ok.Code);
        Assert.Equal("600", Attributes(Assert.Single(ok.Events))["supply"]);

        var over = Run(state, "minter", Mint("GREEN", "alice", "401"));
        Assert.Equal(ResultCode.LimitExceeded, over.Code);
        Assert.Contains("past its max_supply 1000; at most 400 can still be minted", over.Log);
        Assert.Equal(new Amount(600), Altcoins.BalanceOf(state, "GREEN", Addr("alice")));
        Assert.Equal("600", Altcoins.Get(state, "GREEN")!.Supply);
        Assert.Equal(ResultCode.Ok, Run(state, "minter", Mint("GREEN", "alice", "400")).Code);
    }

    [Fact]
    public void Mint_ByAnotherSender_IsUnauthorized_NamingTheMintAuthority()
    {
        var state = WithGreen();
        var receipt = Run(state, "rb", Mint("GREEN", "rb", "1"));
        Assert.Equal(ResultCode.Unauthorized, receipt.Code);
        Assert.Contains($"only {Addr("minter")} may mint it", receipt.Log);
    }

    [Fact]
    public void UnknownSymbol_IsNotFound()
    {
        var state = WithGreen();
        var receipt = Run(state, "minter", Send("BLUE", "rb", "1"));
        Assert.Equal(ResultCode.NotFound, receipt.Code);
        Assert.Contains("asset 'BLUE' does not exist", receipt.Log);
    }

    [Fact]
    public void Send_MovesUnits_AndDeliversMemoAndDataInTheEventOnly()
    {
        var state = WithGreen("alice", "bob");
        Run(state, "minter", Mint("GREEN", "alice", "100"));
        var receipt = Run(state, "alice", Send("GREEN", "bob", "30", "thanks", [0xCA, 0xFE]));
        Assert.Equal(ResultCode.Ok, receipt.Code);
        Assert.Equal(new Amount(70), Altcoins.BalanceOf(state, "GREEN", Addr("alice")));
        Assert.Equal(new Amount(30), Altcoins.BalanceOf(state, "GREEN", Addr("bob")));
        var ev = Attributes(Assert.Single(receipt.Events));
        Assert.Equal(("thanks", "cafe", "30"), (ev["memo"], ev["data"], ev["amount"]));
    }

    [Fact]
    public void Send_AboveBalance_IsInsufficientFunds()
    {
        var state = WithGreen("alice", "bob");
        Run(state, "minter", Mint("GREEN", "alice", "10"));
        var receipt = Run(state, "alice", Send("GREEN", "bob", "11"));
        Assert.Equal(ResultCode.InsufficientFunds, receipt.Code);
        Assert.Contains("holds 10 GREEN base units, less than the 11 to send", receipt.Log);
    }

    [Fact]
    public void Burn_LowersBalanceAndSupply()
    {
        var state = WithGreen("alice");
        Run(state, "minter", Mint("GREEN", "alice", "100"));
        Assert.Equal(ResultCode.Ok, Run(state, "alice", Burn("GREEN", "40")).Code);
        Assert.Equal("60", Altcoins.Get(state, "GREEN")!.Supply);
        Assert.Equal(ResultCode.InsufficientFunds, Run(state, "alice", Burn("GREEN", "61")).Code);
    }

    [Fact]
    public void ApproveAndSendFrom_SpendWithinTheAllowance_WhichShrinks()
    {
        var state = WithGreen("alice", "bob", "carol");
        Run(state, "minter", Mint("GREEN", "alice", "100"));
        Assert.Equal(ResultCode.Ok, Run(state, "alice", Approve("GREEN", "bob", "50")).Code);

        var ok = Run(state, "bob", SendFrom("GREEN", "alice", "carol", "20"));
        Assert.Equal(ResultCode.Ok, ok.Code);
        Assert.Equal(Addr("bob").ToString(), Attributes(Assert.Single(ok.Events))["spender"]);
        Assert.Equal(new Amount(30), Altcoins.AllowanceOf(state, "GREEN", Addr("alice"), Addr("bob")));
        Assert.Equal(new Amount(20), Altcoins.BalanceOf(state, "GREEN", Addr("carol")));

        var over = Run(state, "bob", SendFrom("GREEN", "alice", "carol", "31"));
        Assert.Equal(ResultCode.LimitExceeded, over.Code);
        Assert.Contains("allows the sender", over.Log);
        Assert.Equal(new Amount(30), Altcoins.AllowanceOf(state, "GREEN", Addr("alice"), Addr("bob")));
    }

    [Fact]
    public void SendFrom_AboveOwnersBalance_KeepsTheAllowance()
    {
        var state = WithGreen("alice", "bob");
        Run(state, "minter", Mint("GREEN", "alice", "5"));
        Run(state, "alice", Approve("GREEN", "bob", "50"));
        var receipt = Run(state, "bob", SendFrom("GREEN", "alice", "bob", "6"));
        Assert.Equal(ResultCode.InsufficientFunds, receipt.Code);
        Assert.Equal(new Amount(50), Altcoins.AllowanceOf(state, "GREEN", Addr("alice"), Addr("bob")));
    }

    [Fact]
    public void FailingSecondMessage_UndoesTheMint()
    {
        var state = WithGreen("alice");
        var receipt = Run(state, "minter", Mint("GREEN", "alice", "10"), Mint("GREEN", "alice", "991"));
        Assert.Equal(ResultCode.LimitExceeded, receipt.Code);
        Assert.StartsWith("message 1 (mint-asset)", receipt.Log);
        Assert.Equal(Amount.Zero, Altcoins.BalanceOf(state, "GREEN", Addr("alice")));
        Assert.Equal("0", Altcoins.Get(state, "GREEN")!.Supply);
    }

    public static TheoryData<Msg, string> Malformed() => new()
    {
        { Create("SER", "1", "rb"), "native coin" },
        { Create("green", "1", "rb"), "must start with an upper-case letter" },
        { Create("G", "1", "rb"), "use 2-12" },
        { Create("GREEN-1", "1", "rb"), "contains '-'" },
        { Create("GREEN", "0", "rb"), "max_supply is 0" },
        { Create("GREEN", "01", "rb"), "max_supply" },
        { Mint("GREEN", "alice", "0"), "amount is 0" },
        { Send("GREEN", "bob", "1", new string('m', 257)), "memo is 257 UTF-8 bytes" },
        { Send("GREEN", "bob", "1", "", new byte[1025]), "data is 1025 bytes" },
        { Approve("GREEN", "bob", "-1"), "amount" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedAltcoinMessage_IsInvalid_AndTheMempoolRejectsItStatelessly(Msg msg, string expected)
    {
        var result = MsgHandlers.For(msg.KindCase)!.Validate(msg, Blocks.Params);
        Assert.Equal(ResultCode.InvalidMsg, result.Code);
        Assert.Contains(expected, result.Log);

        var body = TxBuilder.From("alice").Message(msg).Body;
        Assert.False(MessageValidation.TryValidate(body, Blocks.Params, out var code, out var reason));
        Assert.Equal(ResultCode.InvalidMsg, code);
        Assert.Contains(expected, reason);
    }
}
