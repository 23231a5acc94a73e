using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Seratio.Node.Storage;

/// <summary>
/// Watches the free space of the disk that holds the chain (docs/operations.md, "Disk"): below
/// <see cref="StorageOptions.MinFreeMegabytes"/> the node refuses new transactions (<see cref="RefusesTransactions"/>);
/// below <see cref="StorageOptions.StopFreeMegabytes"/> it stops the host cleanly, before RocksDB fails on a full disk,
/// and <see cref="StopReason"/> says why (exit code 75). Measures once at start, then every
/// <see cref="StorageOptions.CheckIntervalMs"/>. Thread safe: the flags are written by its loop and read by anyone.
/// </summary>
public sealed partial class DiskSpaceGuard(string dataPath, IOptions<StorageOptions> options, IHostApplicationLifetime lifetime,
    TimeProvider time, ILogger<DiskSpaceGuard> logger) : BackgroundService
{
    private const long MiB = 1024 * 1024;
    private readonly StorageOptions _options = options.Value;
    private volatile bool _refusing;
    private volatile string? _stopReason;
    private long _freeBytes = long.MaxValue;

    /// <summary>True while free space is below <see cref="StorageOptions.MinFreeMegabytes"/>.</summary>
    public bool RefusesTransactions => _refusing;

    /// <summary>Why the guard stopped the node, or null when it did not.</summary>
    public string? StopReason => _stopReason;

    /// <summary>Free bytes at the last measurement.</summary>
    public long FreeBytes => Interlocked.Read(ref _freeBytes);

    /// <summary>The refusal a client gets while <see cref="RefusesTransactions"/> holds.</summary>
    public string RefusalMessage =>
        $"this node's disk is nearly full ({FreeBytes / MiB} MiB free, below Storage:MinFreeMegabytes = {_options.MinFreeMegabytes}): it accepts no new transactions; submit to another node";

    /// <summary>Measures now (also called by the loop). Public for tests.</summary>
    public void Check()
    {
        long free = FreeSpace();
        Interlocked.Exchange(ref _freeBytes, free);
        bool refusing = free < _options.MinFreeMegabytes * MiB;
        if (refusing != _refusing)
        {
            _refusing = refusing;
            if (refusing) Low(logger, free / MiB, _options.MinFreeMegabytes);
            else Recovered(logger, free / MiB);
        }
        if (free < _options.StopFreeMegabytes * MiB && _stopReason is null)
        {
            _stopReason = $"{free / MiB} MiB free on the disk of {dataPath}, below Storage:StopFreeMegabytes = {_options.StopFreeMegabytes}; " +
                "free space (or lower the threshold) and start the node again: every committed block is kept";
            Stopping(logger, _stopReason);
            lifetime.StopApplication();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Check();
        var interval = TimeSpan.FromMilliseconds(_options.CheckIntervalMs);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
                Check();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private long FreeSpace()
    {
        // The nearest existing folder: the chain folder may not exist before the database first opens.
        var path = Path.GetFullPath(dataPath);
        while (!Directory.Exists(path) && Path.GetDirectoryName(path) is { } parent) path = parent;
        return new DriveInfo(path).AvailableFreeSpace;
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Warning, Message = "Disk nearly full: {FreeMiB} MiB free, below Storage:MinFreeMegabytes = {MinMiB}; refusing new transactions")]
    private static partial void Low(ILogger logger, long freeMiB, long minMiB);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Disk space back: {FreeMiB} MiB free; accepting transactions again")]
    private static partial void Recovered(ILogger logger, long freeMiB);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Critical, Message = "Stopping: {Reason}")]
    private static partial void Stopping(ILogger logger, string reason);
}
