using System.Net;
using Microsoft.Extensions.Options;
using Seratio.Node.Api;

namespace Seratio.Node.Tests.Api;

public class StreamLimiterTests
{
    private static readonly IPAddress Alice = IPAddress.Parse("10.0.0.1"), Bob = IPAddress.Parse("10.0.0.2");

    private static StreamLimiter Limiter(int total = 4, int perClient = 2, int perStream = 500, int replayTotal = 2_000, TimeProvider? time = null) =>
        new(Options.Create(new ApiOptions
        {
            MaxStreams = total, MaxStreamsPerClient = perClient, ReplayBlocksPerSecond = perStream, ReplayBlocksPerSecondTotal = replayTotal,
        }), time ?? new ManualTime());

    [Fact]
    public void TryOpen_BeyondThePerClientLimit_IsRefused_WhileOtherClientsAreServed()
    {
        var limiter = Limiter();
        Assert.NotNull(limiter.TryOpen(Alice, out _));
        Assert.NotNull(limiter.TryOpen(Alice, out _));

        Assert.Null(limiter.TryOpen(Alice, out var refusal));
        Assert.Equal(StreamRefusal.PerClient, refusal);
        Assert.NotNull(limiter.TryOpen(Bob, out refusal));
        Assert.Equal(StreamRefusal.None, refusal);
        Assert.Equal(3, limiter.Open);
    }

    [Fact]
    public void TryOpen_BeyondTheTotal_IsRefused_ForEveryClient()
    {
        var limiter = Limiter(total: 3, perClient: 2);
        for (int i = 1; i <= 3; i++) Assert.NotNull(limiter.TryOpen(IPAddress.Parse($"10.0.1.{i}"), out _));

        Assert.Null(limiter.TryOpen(IPAddress.Parse("10.0.1.9"), out var refusal));
        Assert.Equal(StreamRefusal.Total, refusal);
    }

    [Fact]
    public void Dispose_ReleasesOnce_AndForgetsAClientWithNoStream()
    {
        var limiter = Limiter();
        var first = limiter.TryOpen(Alice, out _)!;
        var second = limiter.TryOpen(Alice, out _)!;

        first.Dispose();
        first.Dispose(); // twice (the call ending and a cancellation racing) must not free a second place
        Assert.Equal(1, limiter.OpenFor(Alice));
        using var third = limiter.TryOpen(Alice, out _);
        Assert.NotNull(third);
        Assert.Null(limiter.TryOpen(Alice, out _));
        second.Dispose();

        Assert.Equal(1, limiter.Open); // the third one is still open
        Assert.Equal(1, limiter.Clients);
    }

    [Fact]
    public void ManyClientsComingAndGoing_LeaveNothingBehind()
    {
        var limiter = Limiter(total: 64, perClient: 8);
        var leases = new System.Collections.Concurrent.ConcurrentBag<StreamLease>();
        Parallel.For(0, 2_000, i =>
        {
            if (limiter.TryOpen(IPAddress.Parse($"10.{i % 7}.{i % 5}.{i % 3}"), out _) is { } lease) leases.Add(lease);
        });
        Parallel.ForEach(leases, lease => { lease.Dispose(); lease.Dispose(); });

        Assert.Equal(0, limiter.Open);
        Assert.Equal(0, limiter.Clients);
    }

    [Fact]
    public void AnIPv4MappedAddress_IsTheSameClient()
    {
        var limiter = Limiter(perClient: 1);
        Assert.NotNull(limiter.TryOpen(Alice, out _));
        Assert.Null(limiter.TryOpen(Alice.MapToIPv6(), out var refusal));
        Assert.Equal(StreamRefusal.PerClient, refusal);
    }

    [Fact]
    public async Task PaceAsync_WithinTheBurst_YieldsOnly_ThenWaitsForTheRate()
    {
        var time = new ManualTime();
        using var lease = Limiter(perStream: 100, time: time).TryOpen(Alice, out _)!;

        await lease.PaceAsync(StreamLimiter.ReplayBatch, CancellationToken.None); // a full batch is in the bucket
        var paced = lease.PaceAsync(StreamLimiter.ReplayBatch, CancellationToken.None);
        await WaitFor(() => time.TimerCount == 1);
        Assert.False(paced.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(160)); // 16 blocks at 100 per second
        await paced.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task PaceAsync_SharesTheTotalBudget_AcrossStreams()
    {
        var time = new ManualTime();
        var limiter = Limiter(total: 64, perClient: 64, perStream: 100, replayTotal: 100, time: time);
        // The total's burst is 4 batches: the fifth stream's first batch must wait although its own bucket is full.
        var leases = Enumerable.Range(0, 5).Select(i => limiter.TryOpen(Alice, out var _)!).ToList();
        for (int i = 0; i < 4; i++) await leases[i].PaceAsync(StreamLimiter.ReplayBatch, CancellationToken.None);

        var fifth = leases[4].PaceAsync(StreamLimiter.ReplayBatch, CancellationToken.None);
        await WaitFor(() => time.TimerCount == 1);
        Assert.False(fifth.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(160));
        await fifth.WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var lease in leases) lease.Dispose();
    }

    [Fact]
    public async Task PaceAsync_Cancelled_EndsAtOnce()
    {
        var time = new ManualTime();
        using var lease = Limiter(perStream: 1, time: time).TryOpen(Alice, out _)!;
        using var cts = new CancellationTokenSource();
        var paced = lease.PaceAsync(1_000, cts.Token); // would wait ~17 minutes of fake time

        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => paced.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData("ipv4:127.0.0.1:5000", "127.0.0.1")]
    [InlineData("ipv6:[::1]:5000", "::1")]
    [InlineData("ipv6:[::ffff:10.0.0.1]:1", "::ffff:10.0.0.1")]
    [InlineData("unix:/tmp/socket", null)]
    [InlineData("", null)]
    public void ClientAddress_FromPeer_ReadsTheAddress(string peer, string? expected) =>
        Assert.Equal(expected, ClientAddress.FromPeer(peer)?.ToString());

    private static async Task WaitFor(Func<bool> condition)
    {
        for (int i = 0; i < 2_000 && !condition(); i++) await Task.Delay(5);
        Assert.True(condition(), "condition not reached within 10 s");
    }
}
