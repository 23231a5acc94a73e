using Grpc.Core;
using Seratio.Bridges.Relaying;
using Seratio.Cli.Devnet;

namespace Seratio.Cli.Tests.Devnet;

/// <summary>The devnet relayers' source: the first validator API that answers, and only an unreachable one is skipped.</summary>
public sealed class FailoverCheckpointSourceTests
{
    /// <summary>A source that answers with no checkpoints, or fails with <see cref="Failure"/>, counting the calls.</summary>
    private sealed class Node : ICheckpointSource
    {
        public StatusCode? Failure { get; set; }
        public int Calls { get; private set; }

        public Task<IReadOnlyList<ReadyCheckpoint>> ReadyAboveAsync(string target, ulong aboveHeight, CancellationToken cancellationToken)
        {
            Calls++;
            return Failure is { } code ? throw new RpcException(new Status(code, "test")) : Task.FromResult<IReadOnlyList<ReadyCheckpoint>>([]);
        }
    }

    [Fact]
    public async Task ReadyAbove_WhenTheFirstNodeIsDown_AsksTheNext_AndStaysWithIt()
    {
        var nodes = new[] { new Node { Failure = StatusCode.Unavailable }, new Node(), new Node() };
        var source = new FailoverCheckpointSource(nodes);

        await source.ReadyAboveAsync("eth", 0, CancellationToken.None);
        await source.ReadyAboveAsync("eth", 0, CancellationToken.None);

        Assert.Equal(1, source.Current);
        Assert.Equal([1, 2, 0], nodes.Select(n => n.Calls));
    }

    [Fact]
    public async Task ReadyAbove_WhenEveryNodeIsDown_FailsWithTheLastError()
    {
        var nodes = new[] { new Node { Failure = StatusCode.Unavailable }, new Node { Failure = StatusCode.DeadlineExceeded } };

        var error = await Assert.ThrowsAsync<RpcException>(() => new FailoverCheckpointSource(nodes).ReadyAboveAsync("etc", 10, CancellationToken.None));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal([1, 1], nodes.Select(n => n.Calls));
    }

    [Fact]
    public async Task ReadyAbove_WhenANodeAnswersWithAnError_IsThatAnswer_NotAReasonToAskAnother()
    {
        var nodes = new[] { new Node { Failure = StatusCode.InvalidArgument }, new Node() };

        await Assert.ThrowsAsync<RpcException>(() => new FailoverCheckpointSource(nodes).ReadyAboveAsync("eth", 0, CancellationToken.None));

        Assert.Equal(0, nodes[1].Calls);
    }
}
