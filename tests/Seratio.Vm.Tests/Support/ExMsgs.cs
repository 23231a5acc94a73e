using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Exchange;
using static Seratio.Vm.Tests.Support.ValueMsgs;

namespace Seratio.Vm.Tests.Support;

/// <summary>Messages, a ready state and block runs of the exchange module for tests.</summary>
public static class ExMsgs
{
    public static readonly string[] Traders = ["alice", "bob", "carol", "dave"];

    /// <summary>
    /// The microshare-ready state (<see cref="MicroMsgs.Ready"/>: class 1 "GOOD" on certificates 1 and 2) plus altcoin "GREEN"
    /// (its mint authority "rb" mints 1,000,000 to each trader) and microshares: alice and bob mint 2,000 units of class 1 each
    /// (lots 1 and 2 on certificate 1; 1,000 SER base units backing).
    /// </summary>
    public static MemoryState Ready()
    {
        var state = MicroMsgs.Ready("dave");
        Ok(Run(state, "rb", Create("GREEN", "1000000000000", "rb")));
        foreach (var trader in Traders) Ok(Run(state, "rb", Mint("GREEN", trader, "1000000")));
        Ok(Run(state, "alice", MicroMsgs.MintMs(1, 1, "SER", "1000")));
        Ok(Run(state, "bob", MicroMsgs.MintMs(1, 1, "SER", "1000")));
        return state;
    }

    public static void Ok(Receipt receipt) => Assert.True(receipt.Code == ResultCode.Ok, $"{receipt.Code}: {receipt.Log}");

    public static Msg CreateMarket(string baseAsset, string quote, string tick = "1", string lot = "10", string minValue = "10", uint maker = 0, uint taker = 10) => new()
    {
        CreateMarket = new MsgCreateMarket
        {
            Base = baseAsset, Quote = quote, TickSize = tick, LotSize = lot, MinOrderValue = minValue, MakerFeeBps = maker, TakerFeeBps = taker,
        },
    };

    public static Msg Halt(ulong market, bool halted = true, string reason = "maintenance") =>
        new() { HaltMarket = new MsgHaltMarket { MarketId = market, Halted = halted, Reason = halted ? reason : "" } };

    public static Msg Buy(ulong market, string price, string quantity, TimeInForce tif = TimeInForce.Gtc, ulong expire = 0) =>
        Place(market, OrderSide.Buy, price, quantity, tif, expire);

    public static Msg Sell(ulong market, string price, string quantity, TimeInForce tif = TimeInForce.Gtc, ulong expire = 0, params ulong[] lots) =>
        Place(market, OrderSide.Sell, price, quantity, tif, expire, lots);

    public static Msg Place(ulong market, OrderSide side, string price, string quantity, TimeInForce tif = TimeInForce.Gtc, ulong expire = 0, params ulong[] lots)
    {
        var place = new MsgPlaceOrder { MarketId = market, Side = side, Price = price, Quantity = quantity, TimeInForce = tif, ExpireHeight = expire };
        place.LotIds.Add(lots);
        return new Msg { PlaceOrder = place };
    }

    public static Msg Cancel(ulong order) => new() { CancelOrder = new MsgCancelOrder { OrderId = order } };

    /// <summary>One block at <paramref name="height"/> of one transaction per (sender, messages), nonces read from state; applied.</summary>
    public static BlockOutcome Block(MemoryState state, ulong height, params (string Sender, Msg[] Msgs)[] txs) =>
        Block(state, height, Blocks.Params, txs);

    public static BlockOutcome Block(MemoryState state, ulong height, ChainParams p, params (string Sender, Msg[] Msgs)[] txs)
    {
        var nonces = new Dictionary<string, ulong>();
        var signed = new List<SignedTx>();
        foreach (var (sender, msgs) in txs)
        {
            ulong nonce = nonces.TryGetValue(sender, out var n) ? n : state.Account(sender).Nonce;
            nonces[sender] = nonce + 1;
            var builder = TxBuilder.From(sender).Nonce(nonce).FakeSignature();
            foreach (var msg in msgs) builder.Message(msg);
            signed.Add(builder.Build());
        }
        var outcome = new BlockExecutor().Execute(state, Blocks.Context(height, p), signed);
        state.Apply(outcome.Changes);
        return outcome;
    }

    public static OrderState Order(MemoryState state, ulong id) => Exchange.GetOrder(state, id) ?? throw new InvalidOperationException($"no order {id}");

    public static MarketState Market(MemoryState state, ulong id) => Exchange.GetMarket(state, id) ?? throw new InvalidOperationException($"no market {id}");

    public static Amount Ser(MemoryState state, string name) => state.Account(name).Balance;

    public static Amount Green(MemoryState state, string name) => Seratio.Vm.Modules.Altcoins.Altcoins.BalanceOf(state, "GREEN", TestKeys.Address(name));

    public static Amount GreenOf(MemoryState state, Seratio.Core.Addressing.Address address) => Seratio.Vm.Modules.Altcoins.Altcoins.BalanceOf(state, "GREEN", address);
}
