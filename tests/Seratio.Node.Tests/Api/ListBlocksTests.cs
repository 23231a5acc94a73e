using System.Diagnostics;
using System.Threading.Channels;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Node.Api;
using Seratio.Node.Chain;
using Seratio.Node.Tests.Mempool;
using Seratio.Protocol;
using Xunit.Abstractions;

namespace Seratio.Node.Tests.Api;

public sealed class ListBlocksTests(ITestOutputHelper output)
{
    private static readonly Address Proposer = new(Enumerable.Range(1, Address.Size).Select(i => (byte)i).ToArray());

    private static (NodeApiService Service, CountingChain Chain) Service(ulong height, ulong earliest = 1)
    {
        var chain = new CountingChain(height, earliest);
        var pools = new PoolFixture();
        var service = new NodeApiService(chain, pools.Pool, Options.Create(new ApiOptions()), NodeIdentity.NonValidator, TimeProvider.System,
            NullLogger<NodeApiService>.Instance);
        return (service, chain);
    }

    private static ListBlocksResponse List(NodeApiService service, ulong before = 0, uint size = 0) =>
        service.ListBlocks(new ListBlocksRequest { Before = before, PageSize = size }, new FakeCallContext()).Result;

    [Fact]
    public void ListBlocks_FromTheTop_IsNewestFirstWithTheDefaultPageAndACursor()
    {
        var (service, _) = Service(50);
        var page = List(service);
        Assert.Equal(50ul, page.LatestHeight);
        Assert.Equal(Enumerable.Range(31, 20).Reverse().Select(h => (ulong)h), page.Blocks.Select(b => b.Height));
        Assert.Equal(31ul, page.NextBefore);
        var top = page.Blocks[0];
        Assert.Equal(CountingChain.HashOf(50).ToByteString(), top.Hash);
        Assert.Equal(Proposer.ToString(), top.Proposer);
        Assert.Equal(CountingChain.TimeOf(50), top.TimeUnixMs);
        Assert.Equal(50u % 7, top.TxCount);
    }

    [Fact]
    public void ListBlocks_FollowingTheCursor_VisitsEveryHeightOnceDownToOne()
    {
        var (service, _) = Service(45);
        var seen = new List<ulong>();
        ulong before = 0;
        int pages = 0;
        do
        {
            var page = List(service, before, 10);
            seen.AddRange(page.Blocks.Select(b => b.Height));
            before = page.NextBefore;
            pages++;
        } while (before != 0);
        Assert.Equal(5, pages);
        Assert.Equal(Enumerable.Range(1, 45).Reverse().Select(h => (ulong)h), seen);
    }

    [Fact]
    public void ListBlocks_AnExactLastPage_EndsWithNoCursor()
    {
        var (service, _) = Service(40);
        var page = List(service, before: 21, size: 20);
        Assert.Equal(20, page.Blocks.Count);
        Assert.Equal(1ul, page.Blocks[^1].Height);
        Assert.Equal(0ul, page.NextBefore);
    }

    [Theory]
    [InlineData(1u, 1)]
    [InlineData(100u, 100)]
    public void ListBlocks_PageSizeBounds_AreAccepted(uint size, int expected)
    {
        var (service, _) = Service(500);
        Assert.Equal(expected, List(service, 0, size).Blocks.Count);
    }

    [Fact]
    public async Task ListBlocks_APageAbove100_IsInvalidArgumentNamingTheBound()
    {
        var (service, _) = Service(500);
        var e = await Assert.ThrowsAsync<RpcException>(() => service.ListBlocks(new ListBlocksRequest { PageSize = 101 }, new FakeCallContext()));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("at most 100", e.Status.Detail);
    }

    [Fact]
    public async Task ListBlocks_BeforeAboveTheHeadPlusOne_IsOutOfRange()
    {
        var (service, _) = Service(10);
        Assert.Equal(10, List(service, before: 11).Blocks.Count);
        var e = await Assert.ThrowsAsync<RpcException>(() => service.ListBlocks(new ListBlocksRequest { Before = 12 }, new FakeCallContext()));
        Assert.Equal(StatusCode.OutOfRange, e.StatusCode);
        Assert.Contains("at most 11", e.Status.Detail);
    }

    [Fact]
    public void ListBlocks_AtGenesisOrBeforeOne_IsAnEmptyLastPage()
    {
        var (empty, _) = Service(0);
        var page = List(empty);
        Assert.Empty(page.Blocks);
        Assert.Equal(0ul, page.NextBefore);
        var (service, _) = Service(10);
        Assert.Empty(List(service, before: 1).Blocks);
    }

    [Fact]
    public async Task ListBlocks_OnAPrunedNode_StopsAtTheEarliestKeptBlockAndRefusesBelowIt()
    {
        var (service, _) = Service(100, earliest: 95);
        var page = List(service);
        Assert.Equal(Enumerable.Range(95, 6).Reverse().Select(h => (ulong)h), page.Blocks.Select(b => b.Height));
        Assert.Equal(0ul, page.NextBefore);
        var e = await Assert.ThrowsAsync<RpcException>(() => service.ListBlocks(new ListBlocksRequest { Before = 50 }, new FakeCallContext()));
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public void ListBlocks_OnA100kChain_ReadsOnlyThePagesBlocks()
    {
        var (service, chain) = Service(100_000);
        List(service); // warm up the JIT
        chain.Reads.Clear();
        var clock = Stopwatch.StartNew();
        var page = List(service, 0, 20);
        clock.Stop();
        Assert.Equal(Enumerable.Range(99_981, 20).Reverse().Select(h => (ulong)h), chain.Reads);
        Assert.Equal(99_981ul, page.NextBefore);
        output.WriteLine($"one page of 20 at the top of a 100,000-block chain: {clock.Elapsed.TotalMicroseconds:0} µs, {chain.Reads.Count} block reads");

        chain.Reads.Clear();
        var deep = List(service, before: 50_001, size: 100);
        Assert.Equal(100, chain.Reads.Count);
        Assert.Equal(49_901ul, deep.NextBefore);
        Assert.Equal(0, chain.HashLookups);
    }

    /// <summary>
    /// A chain of <c>height</c> synthetic blocks made on demand, recording which heights were read: proof that a page
    /// reads its own blocks and nothing else.
    /// </summary>
    private sealed class CountingChain(ulong height, ulong earliest) : IChainReader
    {
        public List<ulong> Reads { get; } = [];
        public int HashLookups { get; private set; }

        public static Hash32 HashOf(ulong h) => Hash32.Sha256(BitConverter.GetBytes(h));
        public static long TimeOf(ulong h) => 1_700_000_000_000 + (long)h * 1000;

        public string ChainId => "seratio-test";
        public Hash32 GenesisHash => Hash32.Sha256("g"u8);
        public Genesis Genesis { get; } = new() { ChainId = "seratio-test", Params = new ChainParams() };
        public ChainHead Head => new(height, height == 0 ? Hash32.Zero : HashOf(height), Hash32.Zero, TimeOf(height));
        public ulong EarliestBlockHeight => earliest;

        public BlockRecord? GetBlock(ulong h)
        {
            Reads.Add(h);
            if (h < earliest || h > height || h == 0) return null;
            var header = new BlockHeader { ChainId = ChainId, Height = h, TimeUnixMs = TimeOf(h), Proposer = Proposer.ToByteString(), TxCount = (uint)(h % 7) };
            return new BlockRecord(new Block { Header = header }, HashOf(h), null);
        }

        public BlockRecord? GetBlock(Hash32 hash) { HashLookups++; return null; }
        public TxRecord? GetTx(Hash32 hash) => null;
        public byte[]? GetState(Hash32 key, ulong h) => null;
        public Hash32? StateRootAt(ulong h) => null;
        public StateProof Prove(Hash32 key, ulong h) => throw new NotSupportedException();
        public ChannelReader<CommittedBlock> Subscribe(CancellationToken cancellationToken) => Channel.CreateUnbounded<CommittedBlock>().Reader;
    }
}
