using System.Numerics;
using BenchmarkDotNet.Attributes;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange.Matching;

namespace Seratio.Benchmarks;

/// <summary>
/// One market's end-of-block batch auction (BatchAuction.Clear) against a resting book of 100,000 orders (50,000 a side,
/// 10 orders per price level, ticks of 1 around 1,000,000), for 100 or 10,000 new orders of 1,000 owners (90 % GTC,
/// 10 % IOC, half buys). Top: the new orders' limits reach only the best 5 levels of the opposite side (at most 50 resting
/// orders a side to read). Deep: they reach up to 4,000 levels (at most 40,000 a side). The cap is the default work
/// limit, 200,000 reads, so it never binds here. Pure computation: no state, no I/O.
/// </summary>
[MemoryDiagnoser]
public class BatchAuctionBenchmarks
{
    [Params(100, 10_000)] public int NewOrders;
    [Params("Top", "Deep")] public string Shape = "Top";

    private const int RestingPerSide = 50_000;
    private const int PerLevel = 10;
    private const long Mid = 1_000_000;

    private List<AuctionOrder> _bids = [], _asks = [], _incoming = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261203);
        var makers = Owners("maker", 1_000);
        var takers = Owners("taker", 1_000);
        ulong id = 1;
        _bids = new List<AuctionOrder>(RestingPerSide);
        _asks = new List<AuctionOrder>(RestingPerSide);
        for (int k = 0; k < RestingPerSide; k++)
        {
            ulong height = 1 + (ulong)(k % PerLevel); // each level's queue in time priority: heights ascend
            _bids.Add(new AuctionOrder(id, makers[k % makers.Length], OrderSide.Buy, Mid - 1 - k / PerLevel, 1 + random.Next(20),
                TimeInForce.Gtc, true, height, Priority(id)));
            id++;
            _asks.Add(new AuctionOrder(id, makers[(k + 7) % makers.Length], OrderSide.Sell, Mid + k / PerLevel, 1 + random.Next(20),
                TimeInForce.Gtc, true, height, Priority(id)));
            id++;
        }
        int reach = Shape == "Top" ? 5 : 4_000;
        _incoming = new List<AuctionOrder>(NewOrders);
        for (int k = 0; k < NewOrders; k++)
        {
            bool buy = k % 2 == 0;
            long offset = random.Next(reach);
            long price = buy ? Mid + offset - 2 : Mid - 1 - offset + 2; // some new orders are just off the touch
            _incoming.Add(new AuctionOrder(id, takers[k % takers.Length], buy ? OrderSide.Buy : OrderSide.Sell, price, 1 + random.Next(50),
                k % 10 == 0 ? TimeInForce.Ioc : TimeInForce.Gtc, false, 100, Priority(id)));
            id++;
        }
    }

    [Benchmark]
    public int Clear()
    {
        var result = BatchAuction.Clear(new AuctionInput(_incoming, _bids, _asks, BigInteger.One, BigInteger.One, Mid, 200_000));
        return result.Trades.Count + result.RestingRead;
    }

    private static Address[] Owners(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => new Address(Hash32.Sha256(System.Text.Encoding.UTF8.GetBytes($"{prefix}/{i}")).ToArray().AsSpan(0, Address.Size))).ToArray();

    private static Hash32 Priority(ulong id) => Hash32.Sha256(BitConverter.GetBytes(id));
}
