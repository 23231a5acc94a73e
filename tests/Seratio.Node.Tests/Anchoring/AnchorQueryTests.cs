using Grpc.Core;
using Seratio.Node.Tests.Api;
using Seratio.Protocol;

namespace Seratio.Node.Tests.Anchoring;

/// <summary>GetCheckpoint and ListCheckpoints over checkpoint records in state.</summary>
public class AnchorQueryTests
{
    private static readonly Core.Crypto.SigningKey V = Core.Crypto.SigningKey.ForTesting("node-tests/anchor-query/v");

    private static ApiFixture WithCheckpoints(int count, bool lastReadyOnEth)
    {
        var f = new ApiFixture();
        var records = Enumerable.Range(1, count).Select(i => CheckpointFixtures.Record((ulong)i * 10, (V, CheckpointFixtures.AnchorKey("v")))).ToArray();
        if (lastReadyOnEth) records[^1].Targets.Single(t => t.Target.Name == "eth").Ready = true;
        CheckpointFixtures.Store(f.Chain, records);
        f.Chain.Commit();
        return f;
    }

    [Fact]
    public async Task Latest_IsTheLatestReady_ForAnyTargetOrTheOneNamed_AndNotFoundWhenNoneIs()
    {
        var f = WithCheckpoints(3, lastReadyOnEth: true);
        Assert.Equal(30UL, (await f.Service.GetCheckpoint(new GetCheckpointRequest(), f.Context)).Checkpoint.Height);
        Assert.Equal(30UL, (await f.Service.GetCheckpoint(new GetCheckpointRequest { Target = "eth" }, f.Context)).Checkpoint.Height);
        var none = await Assert.ThrowsAsync<RpcException>(() => f.Service.GetCheckpoint(new GetCheckpointRequest { Target = "etc" }, f.Context));
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
        Assert.Contains("no checkpoint is ready for target 'etc'", none.Status.Detail);

        var byHeight = await f.Service.GetCheckpoint(new GetCheckpointRequest { CheckpointHeight = 20 }, f.Context);
        Assert.Equal(20UL, byHeight.Checkpoint.Height);
        var missing = await Assert.ThrowsAsync<RpcException>(() => f.Service.GetCheckpoint(new GetCheckpointRequest { CheckpointHeight = 25 }, f.Context));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Contains("the latest is at 30", missing.Status.Detail);
    }

    [Fact]
    public async Task BadTargets_AreInvalidArgument()
    {
        var f = WithCheckpoints(1, lastReadyOnEth: false);
        var bad = await Assert.ThrowsAsync<RpcException>(() => f.Service.GetCheckpoint(new GetCheckpointRequest { Target = "ETH!" }, f.Context));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        var both = await Assert.ThrowsAsync<RpcException>(() => f.Service.GetCheckpoint(new GetCheckpointRequest { CheckpointHeight = 10, Target = "eth" }, f.Context));
        Assert.Equal(StatusCode.InvalidArgument, both.StatusCode);
    }

    [Fact]
    public async Task List_PagesNewestFirst()
    {
        var f = WithCheckpoints(5, lastReadyOnEth: false);
        var first = await f.Service.ListCheckpoints(new ListCheckpointsRequest { PageSize = 2 }, f.Context);
        Assert.Equal([50UL, 40UL], first.Checkpoints.Select(c => c.Height));
        Assert.Equal(5UL, first.Total);
        var second = await f.Service.ListCheckpoints(new ListCheckpointsRequest { PageSize = 2, PageToken = first.NextPageToken }, f.Context);
        Assert.Equal([30UL, 20UL], second.Checkpoints.Select(c => c.Height));
        var last = await f.Service.ListCheckpoints(new ListCheckpointsRequest { PageSize = 2, PageToken = second.NextPageToken }, f.Context);
        Assert.Equal([10UL], last.Checkpoints.Select(c => c.Height));
        Assert.Equal("", last.NextPageToken);
        var tooMany = await Assert.ThrowsAsync<RpcException>(() => f.Service.ListCheckpoints(new ListCheckpointsRequest { PageSize = 101 }, f.Context));
        Assert.Equal(StatusCode.InvalidArgument, tooMany.StatusCode);
    }
}
