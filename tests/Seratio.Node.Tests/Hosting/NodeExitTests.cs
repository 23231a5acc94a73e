using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Seratio.Node.Hosting;
using Seratio.Node.Storage;
using Seratio.Node.Tests.Chain;

namespace Seratio.Node.Tests.Hosting;

/// <summary>Why a node stopped, as its exit code (docs/operations.md, "Exit codes").</summary>
public sealed class NodeExitTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    public static TheoryData<Exception, int> Failures => new()
    {
        { new InvalidOperationException("the decided block does not execute on our head"), NodeExitCodes.InternalError },
        { new IOException("Too many open files : '/data/signer-state.bin.tmp'", 24), NodeExitCodes.OutOfDescriptors },
        { new IOException("something", 24), NodeExitCodes.OutOfDescriptors },
        { new IOException("No space left on device : '/data/chain/000012.log'", 28), NodeExitCodes.StorageFailure },
        { new AggregateException(new InvalidOperationException("wrapped", new IOException("disk", 28))), NodeExitCodes.StorageFailure },
        { new IOException("Permission denied", 13), NodeExitCodes.InternalError },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void ForFailure_MapsTheCauseToItsCode(Exception failure, int code) => Assert.Equal(code, NodeExitCodes.ForFailure(failure));

    [Fact]
    public void ExitCodes_AreDistinctAndOnlyARequestedStopIsZero()
    {
        int[] codes = [NodeExitCodes.Stopped, NodeExitCodes.Configuration, NodeExitCodes.Usage, NodeExitCodes.InternalError,
            NodeExitCodes.OutOfDescriptors, NodeExitCodes.StorageFailure, NodeExitCodes.LowDisk];
        Assert.Equal(codes.Length, codes.Distinct().Count());
        Assert.Single(codes, c => c == 0);
    }

    [Fact]
    public async Task AFailedBackgroundService_GivesItsFailuresCode()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IHostedService>(new Failing(new IOException("Too many open files", 24)));
        await using var provider = services.BuildServiceProvider();
        var hosted = (Failing)provider.GetRequiredService<IHostedService>();
        await hosted.StartAsync(CancellationToken.None);
        await Assert.ThrowsAnyAsync<Exception>(() => hosted.ExecuteTask!);

        Assert.Equal(NodeExitCodes.OutOfDescriptors, NodeRun.ExitCodeOf(provider, out var reason));
        Assert.Contains("Failing failed", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NoFailure_IsARequestedStop()
    {
        using var provider = new ServiceCollection().BuildServiceProvider();
        Assert.Equal(NodeExitCodes.Stopped, NodeRun.ExitCodeOf(provider, out _));
    }

    [Fact]
    public void DiskGuard_BelowTheThresholds_RefusesThenStopsTheHost_AndTheExitCodeIs75()
    {
        var lifetime = new RecordingLifetime();
        var guard = Guard(minMiB: long.MaxValue / (2L << 20), stopMiB: 0, lifetime);
        guard.Check();
        Assert.True(guard.RefusesTransactions);
        Assert.Contains("Storage:MinFreeMegabytes", guard.RefusalMessage, StringComparison.Ordinal);
        Assert.Null(guard.StopReason);
        Assert.False(lifetime.Stopped);

        var stopping = Guard(minMiB: long.MaxValue / (2L << 20), stopMiB: long.MaxValue / (2L << 20), lifetime);
        stopping.Check();
        Assert.True(lifetime.Stopped);
        Assert.Contains("Storage:StopFreeMegabytes", stopping.StopReason, StringComparison.Ordinal);
        var services = new ServiceCollection().AddSingleton(stopping).BuildServiceProvider();
        Assert.Equal(NodeExitCodes.LowDisk, NodeRun.ExitCodeOf(services, out _));
    }

    [Fact]
    public void DiskGuard_WithRoom_AcceptsAndKeepsRunning()
    {
        var lifetime = new RecordingLifetime();
        var guard = Guard(minMiB: 1, stopMiB: 0, lifetime);
        guard.Check();
        Assert.False(guard.RefusesTransactions);
        Assert.Null(guard.StopReason);
        Assert.False(lifetime.Stopped);
        Assert.True(guard.FreeBytes > 1024 * 1024);
    }

    [Theory]
    [InlineData(512, 128, 2000, true)]
    [InlineData(128, 128, 2000, true)]
    [InlineData(64, 128, 2000, false)]
    [InlineData(512, -1, 2000, false)]
    [InlineData(512, 128, 0, false)]
    public void StorageOptions_AreValidated(long min, long stop, int interval, bool valid) =>
        Assert.Equal(valid, new StorageOptionsValidator().Validate(null,
            new StorageOptions { MinFreeMegabytes = min, StopFreeMegabytes = stop, CheckIntervalMs = interval }).Succeeded);

    [Theory]
    [InlineData(0, 0, 1000, true)]       // archive: the default
    [InlineData(2, 0, 1000, true)]       // state pruned, every block kept
    [InlineData(5, 5, 10, true)]
    [InlineData(5, 50, 1000, true)]
    [InlineData(1, 0, 1000, false)]      // fewer than the head and the height before it
    [InlineData(-1, 0, 1000, false)]
    [InlineData(0, 10, 1000, false)]     // blocks pruned, state archived: state without its block times
    [InlineData(6, 5, 1000, false)]      // more state than blocks
    [InlineData(5, -1, 1000, false)]
    [InlineData(5, 5, 5, false)]         // PruneIntervalMs out of range
    public void Retention_IsValidated(long keepStates, long keepBlocks, int pruneIntervalMs, bool valid) =>
        Assert.Equal(valid, new StorageOptionsValidator().Validate(null,
            new StorageOptions { KeepStates = keepStates, KeepBlocks = keepBlocks, PruneIntervalMs = pruneIntervalMs }).Succeeded);

    [Theory]
    [InlineData(false, 5, 10, 4, true)]
    [InlineData(false, 4, 10, 4, false)]  // no more heights than evidence may be old
    [InlineData(true, 5, 0, 4, true)]     // a validator may prune state
    [InlineData(true, 5, 10, 4, false)]   // but keeps every block
    [InlineData(true, 0, 0, 100_000, true)]
    public void Retention_FitsTheRoleAndTheGenesis(bool validator, long keepStates, long keepBlocks, ulong evidenceMaxAge, bool valid)
    {
        var result = new RetentionRulesValidator(validator, evidenceMaxAge).Validate(null, new StorageOptions { KeepStates = keepStates, KeepBlocks = keepBlocks });
        Assert.Equal(valid, result.Succeeded);
        if (!valid) Assert.Contains(keepBlocks > 0 && validator ? "validators keep every block" : "evidence_max_age_heights", result.FailureMessage);
    }

    private DiskSpaceGuard Guard(long minMiB, long stopMiB, IHostApplicationLifetime lifetime) =>
        new(_dir.Sub("data/chain"), Options.Create(new StorageOptions { MinFreeMegabytes = minMiB, StopFreeMegabytes = stopMiB }),
            lifetime, TimeProvider.System, NullLogger<DiskSpaceGuard>.Instance);

    private sealed class Failing(Exception failure) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw failure;
        }
    }

    private sealed class RecordingLifetime : IHostApplicationLifetime
    {
        public bool Stopped { get; private set; }
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() => Stopped = true;
    }
}
