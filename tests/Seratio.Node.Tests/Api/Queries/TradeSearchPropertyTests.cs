using CsCheck;
using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Node.Api.Queries;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange;

namespace Seratio.Node.Tests.Api.Queries;

/// <summary>
/// ListTrades' binary search over a market's sequence numbers agrees with a linear scan for any trade history (heights
/// non-decreasing, repeats and gaps) and any asked height, and reads at most about log2(n) + 1 trades.
/// </summary>
public class TradeSearchPropertyTests
{
    [Fact]
    public void FirstTradeAtOrAbove_IsTheFirstSequenceWhoseHeightReachesIt_ReadingLogarithmicallyMany()
    {
        // Heights as increments from 0 (0 = same height as the previous trade); CsCheck prints a failing seed to replay.
        var history = Gen.Int[0, 3].Array[0, 300];
        Gen.Select(history, Gen.Int[0, 1_000]).Sample((increments, pick) =>
        {
            var heights = new ulong[increments.Length];
            ulong height = 1;
            for (int i = 0; i < increments.Length; i++) heights[i] = height += (ulong)increments[i];
            var state = new CountingReader();
            for (int i = 0; i < heights.Length; i++)
                state.Values[ExchangeKeys.Trade(1, (ulong)i + 1)] = new TradeRecord { MarketId = 1, Sequence = (ulong)i + 1, Height = heights[i] }.ToByteArray();
            ulong asked = heights.Length == 0 ? (ulong)pick : (ulong)pick % (heights[^1] + 3);

            ulong expected = (ulong)Array.FindIndex(heights, h => h >= asked) is var at && at < (ulong)heights.Length ? at + 1 : (ulong)heights.Length + 1;
            ulong found = ExchangeQueryService.FirstTradeAtOrAbove(state, 1, (ulong)heights.Length, asked);

            Assert.Equal(expected, found);
            Assert.True(state.Reads <= Math.Ceiling(Math.Log2(heights.Length + 1)) + 1, $"{state.Reads} reads for {heights.Length} trades");
        }, iter: 5_000);
    }

    private sealed class CountingReader : IStateReader
    {
        public Dictionary<Hash32, byte[]> Values { get; } = [];
        public int Reads { get; private set; }

        public byte[]? Get(in Hash32 key)
        {
            Reads++;
            return Values.TryGetValue(key, out var value) ? value : null;
        }
    }
}
