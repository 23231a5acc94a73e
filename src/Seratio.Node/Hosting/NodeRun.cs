using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Seratio.Node.Storage;

namespace Seratio.Node.Hosting;

/// <summary>
/// Runs a built node until it stops and says why, as an exit code (<see cref="NodeExitCodes"/>): a stop that was asked
/// for is 0; a background service that failed (the host then stops itself) gives the code of its failure; the free-disk
/// guard gives <see cref="NodeExitCodes.LowDisk"/>. Used by <c>seratio-node</c> and <c>seratio node start</c>.
/// </summary>
public static partial class NodeRun
{
    /// <summary>Starts <paramref name="app"/>, waits until it stops (Ctrl-C, SIGTERM, <paramref name="cancellationToken"/>, or a failure) and returns the exit code. The caller disposes the app.</summary>
    public static async Task<int> RunAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested || cancellationToken.IsCancellationRequested)
        {
            // A stop asked for while the host was still starting (the free-disk guard's first look, Ctrl-C): stop what started.
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        int code = ExitCodeOf(app.Services, out var reason);
        if (code != NodeExitCodes.Stopped)
            Fatal(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(NodeRun)), code, reason);
        return code;
    }

    /// <summary>Why the host stopped, once it has: the guard's stop, else the first failed background service, else a requested stop.</summary>
    public static int ExitCodeOf(IServiceProvider services, out string reason)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService<DiskSpaceGuard>() is { StopReason: { } low })
        {
            reason = low;
            return NodeExitCodes.LowDisk;
        }
        foreach (var service in services.GetServices<IHostedService>().OfType<BackgroundService>())
            if (service.ExecuteTask is { IsFaulted: true } failed)
            {
                var failure = failed.Exception!.GetBaseException();
                reason = $"{service.GetType().Name} failed: {failure.GetType().Name}: {failure.Message}";
                return NodeExitCodes.ForFailure(failed.Exception);
            }
        reason = "stopped as asked";
        return NodeExitCodes.Stopped;
    }

    [LoggerMessage(EventId = 1710, Level = LogLevel.Critical, Message = "The node stopped on a fatal condition, exit code {ExitCode}: {Reason}")]
    private static partial void Fatal(ILogger logger, int exitCode, string reason);
}
