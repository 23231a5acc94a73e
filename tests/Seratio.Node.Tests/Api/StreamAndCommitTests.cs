using Grpc.Core;
using Seratio.Node.Api;
using Seratio.Node.Tests.Mempool;
using Seratio.Protocol;

namespace Seratio.Node.Tests.Api;

public class StreamAndCommitTests
{
    private static async Task WaitFor(Func<bool> condition)
    {
        // Bounded polling for the streaming task to reach its await; no fixed sleeps.
        for (int i = 0; i < 2_000 && !condition(); i++) await Task.Delay(5);
        Assert.True(condition(), "condition not reached within 10 s");
    }

    [Fact]
    public async Task StreamBlocks_ReplaysStoredThenLive_WithoutGapOrDuplicate()
    {
        var f = new ApiFixture();
        for (int i = 0; i < 3; i++) f.Chain.Commit();
        using var cts = new CancellationTokenSource();
        var writer = new CollectingWriter<BlockResponse>();
        writer.OnWrite = block =>
        {
            // While replaying block 2, two more blocks commit: they must come once each, in order.
            if (block.Block.Header.Height == 2) { f.Chain.Commit(); f.Chain.Commit(); }
            if (block.Block.Header.Height == 6) cts.Cancel();
        };
        var streaming = f.Service.StreamBlocks(new StreamBlocksRequest { FromHeight = 2 }, writer, new FakeCallContext(cts.Token));
        await WaitFor(() => writer.Items.Count >= 4);
        f.Chain.Commit();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => streaming);
        Assert.Equal([2UL, 3, 4, 5, 6], writer.Items.Select(b => b.Block.Header.Height));
    }

    [Fact]
    public async Task Streams_WhenTheNodeStops_EndWithUnavailable_AndLeaveTheChain()
    {
        var f = new ApiFixture();
        f.Chain.Commit();
        var blocks = f.Service.StreamBlocks(new StreamBlocksRequest(), new CollectingWriter<BlockResponse>(), new FakeCallContext(CancellationToken.None));
        var events = f.Service.StreamEvents(new StreamEventsRequest(), new CollectingWriter<EventEnvelope>(), new FakeCallContext(CancellationToken.None));
        await WaitFor(() => f.Chain.SubscriberCount == 2);

        f.Lifetime.StopApplication();

        foreach (var stream in new[] { blocks, events })
        {
            var ex = await Assert.ThrowsAsync<RpcException>(() => stream);
            Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
            Assert.Contains("stopping", ex.Status.Detail, StringComparison.Ordinal);
        }
        await WaitFor(() => f.Chain.SubscriberCount == 0);
    }

    [Fact]
    public async Task StreamBlocks_FromZero_StartsWithTheNextBlock()
    {
        var f = new ApiFixture();
        f.Chain.Commit();
        using var cts = new CancellationTokenSource();
        var writer = new CollectingWriter<BlockResponse> { OnWrite = _ => cts.Cancel() };
        var streaming = f.Service.StreamBlocks(new StreamBlocksRequest(), writer, new FakeCallContext(cts.Token));
        await WaitFor(() => f.Chain.SubscriberCount == 1);
        f.Chain.Commit();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => streaming);
        Assert.Equal([2UL], writer.Items.Select(b => b.Block.Header.Height));
    }

    [Fact]
    public async Task StreamEvents_FiltersByTypeAndAddress_AcrossReplayAndLive()
    {
        var f = new ApiFixture();
        var carol = TestTx.Key("carol").Address.ToString();
        f.Chain.Commit(TestTx.From("alice").To("carol").Amount(1).Bytes(), TestTx.From("bob").To("alice").Amount(2).Bytes());
        using var cts = new CancellationTokenSource();
        var writer = new CollectingWriter<EventEnvelope> { OnWrite = e => { if (e.Height == 2) cts.Cancel(); } };
        var request = new StreamEventsRequest { Address = carol.ToUpperInvariant(), FromHeight = 1 };
        request.Types_.Add("transfer");
        var streaming = f.Service.StreamEvents(request, writer, new FakeCallContext(cts.Token));
        await WaitFor(() => writer.Items.Count == 1);
        f.Chain.Commit(TestTx.From("alice").Nonce(1).To("bob").Amount(3).Bytes(), TestTx.From("carol").To("bob").Amount(4).Bytes());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => streaming);
        Assert.Equal(["1:1", "2:4"], writer.Items.Select(e => $"{e.Height}:{e.Event.Attributes.Single(a => a.Key == "amount").Value}"));
        Assert.Equal(TestTx.From("carol").To("bob").Amount(4).Hash().ToByteString(), writer.Items[1].TxHash);
    }

    [Fact]
    public async Task StreamEvents_SendsABlocksBatchEvents_AfterItsReceipts_WithNoTxHash_ThroughTheSameFilter()
    {
        var f = new ApiFixture();
        var carol = TestTx.Key("carol").Address.ToString();
        var alice = TestTx.Key("alice").Address.ToString();
        f.Chain.Commit(TestTx.From("alice").To("carol").Amount(1).Bytes());
        // What the exchange's batch of block 2 stores: a trade carol bought, an order update of alice's only.
        var batch = new BatchEvents();
        batch.Events.Add(new Event { Type = "exchange.trade", Attributes = { new EventAttribute { Key = "buyer", Value = carol }, new EventAttribute { Key = "sequence", Value = "1" } } });
        batch.Events.Add(new Event { Type = "exchange.order", Attributes = { new EventAttribute { Key = "owner", Value = alice } } });
        batch.Events.Add(new Event { Type = "exchange.order", Attributes = { new EventAttribute { Key = "owner", Value = carol } } });
        f.Chain.SetState(Vm.Modules.Exchange.ExchangeKeys.BatchEvents(2), Google.Protobuf.MessageExtensions.ToByteArray(batch));
        f.Chain.Commit(TestTx.From("carol").To("bob").Amount(4).Bytes());

        using var cts = new CancellationTokenSource();
        var writer = new CollectingWriter<EventEnvelope>();
        writer.OnWrite = _ => { if (writer.Items.Count == 3) cts.Cancel(); };
        var request = new StreamEventsRequest { Address = carol, FromHeight = 1 };
        request.Types_.Add("transfer");
        request.Types_.Add("exchange.trade");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => f.Service.StreamEvents(request, writer, new FakeCallContext(cts.Token)));

        Assert.Equal(["1:transfer", "2:transfer", "2:exchange.trade"], writer.Items.Select(e => $"{e.Height}:{e.Event.Type}"));
        Assert.False(writer.Items[1].TxHash.IsEmpty);
        Assert.True(writer.Items[2].TxHash.IsEmpty);
    }

    [Fact]
    public async Task StreamEvents_SendsTheDafsEndBlockEvents_AfterTheExchangesBatch_WithNoTxHash_ThroughTheSameFilter()
    {
        var f = new ApiFixture();
        var carol = TestTx.Key("carol").Address.ToString();
        f.Chain.Commit(TestTx.From("alice").To("carol").Amount(1).Bytes());
        var batch = new BatchEvents();
        batch.Events.Add(new Event { Type = "exchange.trade", Attributes = { new EventAttribute { Key = "buyer", Value = carol } } });
        f.Chain.SetState(Vm.Modules.Exchange.ExchangeKeys.BatchEvents(2), Google.Protobuf.MessageExtensions.ToByteArray(batch));
        // What the DAF's and the grants' end-of-block steps of block 2 store: a proposal carol made passes, another
        // proposal's transition that names nobody the filter wants, then a grant paid to carol.
        var daf = new DafEvents();
        daf.Events.Add(new Event { Type = "daf.proposal", Attributes = { new EventAttribute { Key = "id", Value = "1" }, new EventAttribute { Key = "proposer", Value = carol }, new EventAttribute { Key = "status", Value = "PASSED" } } });
        daf.Events.Add(new Event { Type = "daf.proposal", Attributes = { new EventAttribute { Key = "id", Value = "2" }, new EventAttribute { Key = "status", Value = "LAPSED" } } });
        daf.Events.Add(new Event { Type = "grant.paid", Attributes = { new EventAttribute { Key = "id", Value = "1" }, new EventAttribute { Key = "beneficiary", Value = carol } } });
        f.Chain.SetState(Vm.Modules.Daf.DafKeys.EndBlockEvents(2), Google.Protobuf.MessageExtensions.ToByteArray(daf));
        f.Chain.Commit(TestTx.From("carol").To("bob").Amount(4).Bytes());

        using var cts = new CancellationTokenSource();
        var writer = new CollectingWriter<EventEnvelope>();
        writer.OnWrite = _ => { if (writer.Items.Count == 5) cts.Cancel(); };
        var request = new StreamEventsRequest { Address = carol, FromHeight = 1 };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => f.Service.StreamEvents(request, writer, new FakeCallContext(cts.Token)));

        Assert.Equal(["1:transfer", "2:transfer", "2:exchange.trade", "2:daf.proposal", "2:grant.paid"], writer.Items.Select(e => $"{e.Height}:{e.Event.Type}"));
        Assert.All(writer.Items.Skip(2), e => Assert.True(e.TxHash.IsEmpty));
    }

    [Fact]
    public async Task StreamEvents_ReplaysABatchsEvents_FromAHeightWhoseStateWasPruned()
    {
        var f = new ApiFixture();
        var carol = TestTx.Key("carol").Address.ToString();
        var batch = new BatchEvents();
        batch.Events.Add(new Event { Type = "exchange.trade", Attributes = { new EventAttribute { Key = "buyer", Value = carol } } });
        f.Chain.SetState(Vm.Modules.Exchange.ExchangeKeys.BatchEvents(1), Google.Protobuf.MessageExtensions.ToByteArray(batch));
        f.Chain.Commit(TestTx.From("alice").To("carol").Amount(1).Bytes());
        f.Chain.Commit(TestTx.From("carol").To("bob").Amount(4).Bytes());
        f.Chain.StatesFrom = 2; // the state of block 1 is gone; its batch events live on in every later state

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // without the trade the stream would wait for ever
        var writer = new CollectingWriter<EventEnvelope>();
        writer.OnWrite = _ => { if (writer.Items.Count == 2) cts.Cancel(); };
        var request = new StreamEventsRequest { Address = carol, FromHeight = 1 };
        request.Types_.Add("exchange.trade");
        request.Types_.Add("transfer");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => f.Service.StreamEvents(request, writer, new FakeCallContext(cts.Token)));

        Assert.Equal(["1:transfer", "1:exchange.trade"], writer.Items.Select(e => $"{e.Height}:{e.Event.Type}"));
    }

    [Fact]
    public async Task StreamEvents_BadAddress_IsInvalidArgument()
    {
        var f = new ApiFixture();
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            f.Service.StreamEvents(new StreamEventsRequest { Address = "nope" }, new CollectingWriter<EventEnvelope>(), f.Context));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith("address: ", ex.Status.Detail);
    }

    [Fact]
    public async Task SubmitTx_Commit_ReturnsReceiptOnceTheBlockCommits()
    {
        var f = new ApiFixture();
        var tx = TestTx.From("alice");
        var submitting = f.Service.SubmitTx(new SubmitTxRequest { Tx = tx.ByteString(), Mode = SubmitMode.Commit }, f.Context);
        await WaitFor(() => f.Pool.Count == 1);
        Assert.False(submitting.IsCompleted);
        f.Pools.CommitReaped();
        var response = await submitting;
        Assert.Equal(tx.Hash().ToByteString(), response.TxHash);
        Assert.Equal(tx.Hash().ToByteString(), response.Receipt.TxHash);
        Assert.Equal(1UL, response.Receipt.Height);
    }

    [Fact]
    public async Task SubmitTx_Commit_TimesOutWithDeadlineExceededNamingTheHash()
    {
        var f = new ApiFixture(api: new ApiOptions { CommitTimeoutMs = 1_000 });
        var tx = TestTx.From("alice");
        var submitting = f.Service.SubmitTx(new SubmitTxRequest { Tx = tx.ByteString(), Mode = SubmitMode.Commit }, f.Context);
        await WaitFor(() => f.Pool.Count == 1 && f.Time.TimerCount == 1);
        f.Chain.Commit(); // a block without it
        f.Time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(submitting.IsCompleted);
        f.Time.Advance(TimeSpan.FromMilliseconds(1));
        var ex = await Assert.ThrowsAsync<RpcException>(() => submitting);
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.Contains(tx.Hash().ToString(), ex.Status.Detail);
        Assert.Equal(0, f.Chain.SubscriberCount);
    }

    [Fact]
    public async Task SubmitTx_CommitRefused_IsRejectedWithoutWaiting()
    {
        var f = new ApiFixture();
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            f.Service.SubmitTx(new SubmitTxRequest { Tx = TestTx.From("alice").Nonce(500).ByteString(), Mode = SubmitMode.Commit }, f.Context));
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal(0, f.Chain.SubscriberCount);
    }

    [Fact]
    public async Task SubmitTx_Commit_WhenThePoolDropsTheTx_IsFailedPrecondition()
    {
        var f = new ApiFixture();
        var tx = TestTx.From("alice").Nonce(0).Amount(5);
        var submitting = f.Service.SubmitTx(new SubmitTxRequest { Tx = tx.ByteString(), Mode = SubmitMode.Commit }, f.Context);
        await WaitFor(() => f.Pool.Count == 1);
        // Another node's nonce-0 transaction wins; the pool drops ours.
        f.Pool.OnBlockCommitted(f.Chain.Commit(TestTx.From("alice").Nonce(0).Amount(6).Bytes()));
        f.Pool.OnBlockCommitted(f.Chain.Commit());
        var ex = await Assert.ThrowsAsync<RpcException>(() => submitting);
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains($"transaction {tx.Hash()} was dropped", ex.Status.Detail);
        Assert.Equal("Dropped", ex.Trailers.GetValue(AdmitStatus.OutcomeTrailer));
    }
}
