using Seratio.Node.Consensus.State;

namespace Seratio.Node.Tests.Metrics;

public class SnapshotRequestsTests
{
    private static ConsensusSnapshot At(ulong height) =>
        new(ConsensusRole.Observer, false, false, height - 1, height, 0, null, null, -1, default, -1, default, 0, [], []);

    [Fact]
    public async Task ConcurrentRequests_ShareOneQueuedRequest_AndALaterOneQueuesAnew()
    {
        var requests = new SnapshotRequests();
        var queued = new List<TaskCompletionSource<ConsensusSnapshot>>();
        var a = requests.Request(queued.Add, CancellationToken.None);
        var b = requests.Request(queued.Add, CancellationToken.None);
        Assert.Single(queued);

        requests.Answer(queued[0], () => At(5));
        Assert.Equal(5UL, (await a).Height);
        Assert.Equal(5UL, (await b).Height);

        var c = requests.Request(queued.Add, CancellationToken.None);
        Assert.Equal(2, queued.Count);
        requests.Answer(queued[1], () => At(6));
        Assert.Equal(6UL, (await c).Height);
    }

    [Fact]
    public async Task Request_WhenTheLoopNeverAnswers_EndsWithTheCallersCancellation()
    {
        var requests = new SnapshotRequests();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => requests.Request(_ => { }, cts.Token));
    }

    [Fact]
    public async Task Answer_WhenBuildingFails_FaultsTheCallersOnly()
    {
        var requests = new SnapshotRequests();
        TaskCompletionSource<ConsensusSnapshot>? queued = null;
        var a = requests.Request(r => queued = r, CancellationToken.None);
        requests.Answer(queued!, () => throw new InvalidOperationException("bug"));
        Assert.Equal("bug", (await Assert.ThrowsAsync<InvalidOperationException>(() => a)).Message);
    }
}
