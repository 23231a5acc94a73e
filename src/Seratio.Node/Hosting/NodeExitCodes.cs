namespace Seratio.Node.Hosting;

/// <summary>
/// The exit codes of a node process (docs/operations.md, "Exit codes"): 0 only for a requested stop, so a supervisor
/// set to restart on failure (systemd <c>Restart=on-failure</c>) restarts a node that died and monitoring tells the two
/// apart. Values follow BSD sysexits where one fits. Stateless.
/// </summary>
public static class NodeExitCodes
{
    /// <summary>Stopped as asked (SIGTERM, Ctrl-C).</summary>
    public const int Stopped = 0;

    /// <summary>The node could not start: bad configuration, missing genesis or key, a port in use.</summary>
    public const int Configuration = 1;

    /// <summary>Bad command line.</summary>
    public const int Usage = 2;

    /// <summary>A background service (consensus, sync, gossip) failed with an error that is a bug or a broken invariant (EX_SOFTWARE).</summary>
    public const int InternalError = 70;

    /// <summary>The process ran out of file descriptors ("Too many open files", EX_OSERR): raise LimitNOFILE.</summary>
    public const int OutOfDescriptors = 71;

    /// <summary>Storage failed: the disk is full or RocksDB refused a write (EX_IOERR).</summary>
    public const int StorageFailure = 74;

    /// <summary>The free-disk guard stopped the node before the disk filled up (EX_TEMPFAIL): free space and start it again.</summary>
    public const int LowDisk = 75;

    private const int ErrnoTooManyOpenFiles = 24; // EMFILE
    private const int ErrnoNoSpace = 28;          // ENOSPC

    /// <summary>The exit code for a fatal <paramref name="failure"/>, looking through inner and aggregate exceptions.</summary>
    public static int ForFailure(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        foreach (var e in Flatten(failure))
        {
            if (e is IOException io && (io.HResult == ErrnoTooManyOpenFiles || io.Message.Contains("Too many open files", StringComparison.OrdinalIgnoreCase)))
                return OutOfDescriptors;
            if (e.Message.Contains("Too many open files", StringComparison.OrdinalIgnoreCase)) return OutOfDescriptors;
        }
        foreach (var e in Flatten(failure))
        {
            if (e is IOException io && (io.HResult == ErrnoNoSpace || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)))
                return StorageFailure;
            if (e.GetType().Name == "RocksDbException" || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)) return StorageFailure;
        }
        return InternalError;
    }

    private static IEnumerable<Exception> Flatten(Exception failure)
    {
        var pending = new Stack<Exception>([failure]);
        while (pending.TryPop(out var e))
        {
            yield return e;
            if (e is AggregateException aggregate) foreach (var inner in aggregate.InnerExceptions) pending.Push(inner);
            else if (e.InnerException is { } inner) pending.Push(inner);
        }
    }
}
