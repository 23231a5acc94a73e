using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.ExMsgs;
using static Seratio.Vm.Tests.Support.ValueMsgs;

namespace Seratio.Vm.Tests.Modules.Exchange;

public class MarketHandlerTests
{
    public static TheoryData<string, string, string, string, string, string, uint, uint, ResultCode> CreateCases => new()
    {
        { "authority", "GREEN", "SER", "1", "10", "10", 0, 10, ResultCode.Ok },
        { "authority", "ms:1", "GREEN", "1", "10", "10", 5, 10, ResultCode.Ok },
        { "authority", "SER", "GREEN", "1", "10", "10", 0, 1000, ResultCode.Ok },
        { "alice", "GREEN", "SER", "1", "10", "10", 0, 10, ResultCode.Unauthorized },
        { "authority", "GREEN", "SER", "0", "10", "10", 0, 10, ResultCode.InvalidMsg },
        { "authority", "GREEN", "SER", "1", "x", "10", 0, 10, ResultCode.InvalidMsg },
        { "authority", "GREEN", "SER", "1", "10", "0", 0, 10, ResultCode.InvalidMsg },
        { "authority", "GREEN", "GREEN", "1", "10", "10", 0, 10, ResultCode.InvalidMsg },
        { "authority", "", "SER", "1", "10", "10", 0, 10, ResultCode.InvalidMsg },
        { "authority", "GREEN", "ms:1", "1", "10", "10", 0, 10, ResultCode.InvalidMsg },
        { "authority", "ms:01", "SER", "1", "10", "10", 0, 10, ResultCode.InvalidMsg },
        { "authority", "GREEN", "SER", "1", "10", "10", 1001, 10, ResultCode.InvalidMsg },
        { "authority", "GREEN", "SER", "1", "10", "10", 0, 0, ResultCode.InvalidMsg },
        { "authority", "GREEN", "SER", "1", "10", "10", 0, 1001, ResultCode.InvalidMsg },
        // The smallest fill (1 × 1) would leave its seller 1 − ceil(1 × 10 / 10000) = 0.
        { "authority", "GREEN", "SER", "1", "1", "1", 0, 10, ResultCode.InvalidMsg },
        { "authority", "BLUE", "SER", "1", "10", "10", 0, 10, ResultCode.NotFound },
        { "authority", "ms:9", "SER", "1", "10", "10", 0, 10, ResultCode.NotFound },
        { "authority", "GREEN", "BLUE", "1", "10", "10", 0, 10, ResultCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(CreateCases))]
    public void CreateMarket_FollowsItsRules(string sender, string baseAsset, string quote, string tick, string lot, string min, uint maker, uint taker, ResultCode expected)
    {
        var state = Ready();
        var receipt = Run(state, sender, CreateMarket(baseAsset, quote, tick, lot, min, maker, taker));
        Assert.True(expected == receipt.Code, receipt.Log);
        if (expected == ResultCode.Ok)
        {
            var market = Market(state, 1);
            Assert.Equal((baseAsset, quote, tick, lot, min, maker, taker), (market.Base, market.Quote, market.TickSize, market.LotSize, market.MinOrderValue, market.MakerFeeBps, market.TakerFeeBps));
            Assert.Equal(1UL, Seratio.Vm.Modules.Exchange.Exchange.LastMarketId(state));
            Assert.Equal(ExchangeEvents.MarketType, Assert.Single(receipt.Events).Type);
        }
        else
        {
            Assert.Null(Seratio.Vm.Modules.Exchange.Exchange.GetMarket(state, 1));
            Assert.NotEmpty(receipt.Log);
        }
    }

    [Fact]
    public void CreateMarket_SmallestFillRefusal_SaysWhatTheSellerWouldKeep()
    {
        var receipt = Run(Ready(), Authority, CreateMarket("GREEN", "SER", "1", "1", "1", 0, 10));
        Assert.Contains("would leave its seller 0", receipt.Log);
    }

    public static TheoryData<string, ulong, bool, string, ResultCode> HaltCases => new()
    {
        { "authority", 1, true, "maintenance", ResultCode.Ok },
        { "authority", 1, false, "", ResultCode.Ok },
        { "alice", 1, true, "maintenance", ResultCode.Unauthorized },
        { "authority", 0, true, "maintenance", ResultCode.InvalidMsg },
        { "authority", 7, true, "maintenance", ResultCode.NotFound },
        { "authority", 1, true, "", ResultCode.InvalidMsg },
        { "authority", 1, false, "why", ResultCode.InvalidMsg },
        { "authority", 1, true, new string('r', 257), ResultCode.InvalidMsg },
    };

    [Theory]
    [MemberData(nameof(HaltCases))]
    public void HaltMarket_FollowsItsRules(string sender, ulong market, bool halted, string reason, ResultCode expected)
    {
        var state = Ready();
        Ok(Run(state, Authority, CreateMarket("GREEN", "SER")));
        var receipt = Run(state, sender, new Msg { HaltMarket = new MsgHaltMarket { MarketId = market, Halted = halted, Reason = reason } });
        Assert.True(expected == receipt.Code, receipt.Log);
        var stored = Market(state, 1);
        Assert.Equal(expected == ResultCode.Ok && halted, stored.Halted);
        Assert.Equal(expected == ResultCode.Ok && halted ? reason : "", stored.HaltReason);
    }
}
