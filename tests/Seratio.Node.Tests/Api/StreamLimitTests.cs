using Grpc.Core;
using Seratio.Node.Api;
using Seratio.Node.Tests.Mempool;
using Seratio.Protocol;

namespace Seratio.Node.Tests.Api;

/// <summary>StreamBlocks and StreamEvents within the node's stream budget (docs/api.md, "Stream limits").</summary>
public class StreamLimitTests
{
    private static async Task WaitFor(Func<bool> condition)
    {
        for (int i = 0; i < 2_000 && !condition(); i++) await Task.Delay(5);
        Assert.True(condition(), "condition not reached within 10 s");
    }

    private static StreamEventsRequest NothingFrom(ulong height)
    {
        var request = new StreamEventsRequest { FromHeight = height };
        request.Types_.Add("no-such-event");
        return request;
    }

    [Fact]
    public async Task OneStreamTooMany_FromOneClient_IsResourceExhaustedNamingTheSetting_AndAClosedOneFreesItsPlace()
    {
        var f = new ApiFixture(api: new ApiOptions { MaxStreams = 8, MaxStreamsPerClient = 2 });
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        var a = f.Service.StreamEvents(NothingFrom(0), new CollectingWriter<EventEnvelope>(), new FakeCallContext(first.Token));
        var b = f.Service.StreamBlocks(new StreamBlocksRequest(), new CollectingWriter<BlockResponse>(), new FakeCallContext(second.Token));
        await WaitFor(() => f.Chain.SubscriberCount == 2);

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            f.Service.StreamEvents(NothingFrom(0), new CollectingWriter<EventEnvelope>(), new FakeCallContext(CancellationToken.None)));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal("at most 2 concurrent streams per client (Api:MaxStreamsPerClient); close one and retry", ex.Status.Detail);

        // Another address is still served.
        using var other = new CancellationTokenSource();
        var c = f.Service.StreamBlocks(new StreamBlocksRequest(), new CollectingWriter<BlockResponse>(), new FakeCallContext(other.Token, "ipv6:[::1]:7"));
        await WaitFor(() => f.Chain.SubscriberCount == 3);

        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a);
        Assert.Equal(1, f.Streams.OpenFor(System.Net.IPAddress.Loopback));
        using var again = new CancellationTokenSource();
        var d = f.Service.StreamEvents(NothingFrom(0), new CollectingWriter<EventEnvelope>(), new FakeCallContext(again.Token));
        await WaitFor(() => f.Chain.SubscriberCount == 3);

        foreach (var cts in new[] { second, other, again }) await cts.CancelAsync();
        foreach (var stream in new[] { b, c, d }) await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream);
        Assert.Equal(0, f.Streams.Open);
        Assert.Equal(0, f.Streams.Clients);
    }

    [Fact]
    public async Task OneStreamTooMany_OnTheNode_IsResourceExhaustedNamingTheSetting()
    {
        var f = new ApiFixture(api: new ApiOptions { MaxStreams = 2, MaxStreamsPerClient = 2 });
        using var cts = new CancellationTokenSource();
        var open = new[] { "ipv4:10.0.0.1:1", "ipv4:10.0.0.2:1" }
            .Select(peer => f.Service.StreamBlocks(new StreamBlocksRequest(), new CollectingWriter<BlockResponse>(), new FakeCallContext(cts.Token, peer)))
            .ToList();
        await WaitFor(() => f.Chain.SubscriberCount == 2);

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            f.Service.StreamBlocks(new StreamBlocksRequest(), new CollectingWriter<BlockResponse>(), new FakeCallContext(cts.Token, "ipv4:10.0.0.3:1")));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("at most 2 concurrent streams (Api:MaxStreams)", ex.Status.Detail, StringComparison.Ordinal);

        await cts.CancelAsync();
        foreach (var stream in open) await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream);
        Assert.Equal(0, f.Streams.Open);
    }

    [Fact]
    public async Task Replay_IsPacedInBatches_AndNeverSubscribesBeforeCatchingUp()
    {
        var f = new ApiFixture(api: new ApiOptions { ReplayBlocksPerSecond = 100, ReplayBlocksPerSecondTotal = 100 });
        for (int i = 0; i < 100; i++) f.Chain.Commit();
        using var cts = new CancellationTokenSource();
        var writer = new CollectingWriter<BlockResponse>();
        var streaming = f.Service.StreamBlocks(new StreamBlocksRequest { FromHeight = 1 }, writer, new FakeCallContext(cts.Token));

        // The first batch is in the stream's bucket; the next waits for (fake) time, holding no thread.
        await WaitFor(() => f.Time.TimerCount == 1);
        Assert.Equal(StreamLimiter.ReplayBatch, writer.Items.Count);
        Assert.Equal(0, f.Chain.SubscriberCount);

        while (f.Chain.SubscriberCount == 0)
        {
            f.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }
        Assert.Equal(Enumerable.Range(1, 100).Select(h => (ulong)h), writer.Items.Select(b => b.Block.Header.Height));
        f.Chain.Commit();
        await WaitFor(() => writer.Items.Count == 101);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => streaming);
    }

    [Fact]
    public async Task AClientThatGoesMidReplay_EndsTheReplay_AndLeavesNoStreamNoSubscription()
    {
        var f = new ApiFixture(api: new ApiOptions { ReplayBlocksPerSecond = 10, ReplayBlocksPerSecondTotal = 10 });
        for (int i = 0; i < 200; i++) f.Chain.Commit(TestTx.From("alice").Nonce((ulong)i).To("bob").Amount(1).Bytes());
        using var cts = new CancellationTokenSource();
        var streaming = f.Service.StreamEvents(NothingFrom(1), new CollectingWriter<EventEnvelope>(), new FakeCallContext(cts.Token));
        await WaitFor(() => f.Time.TimerCount == 1);
        Assert.Equal(1, f.Streams.Open);

        await cts.CancelAsync(); // the connection drops: no goodbye, only the call's token

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => streaming.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, f.Streams.Open);
        Assert.Equal(0, f.Streams.Clients);
        Assert.Equal(0, f.Chain.SubscriberCount);
        Assert.Equal(0, f.Time.TimerCount);
    }

    [Fact]
    public async Task AReaderThatFallsTheLiveQueueBehind_GetsResourceExhausted_WithTheHeightToResumeFrom_AndItsPlaceBack()
    {
        var f = new ApiFixture();
        f.Chain.Commit();
        var writer = new CollectingWriter<BlockResponse>();
        var streaming = f.Service.StreamBlocks(new StreamBlocksRequest { FromHeight = 1 }, writer, new FakeCallContext(CancellationToken.None));
        await WaitFor(() => writer.Items.Count == 1 && f.Chain.SubscriberCount == 1);

        f.Chain.DropSubscribers(new Seratio.Node.Chain.SubscriberTooSlowException(256));

        var ex = await Assert.ThrowsAsync<RpcException>(() => streaming);
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.EndsWith("reconnect with from_height 2", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, f.Streams.Open);
    }
}
