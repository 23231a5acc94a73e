using System.Runtime.InteropServices;

namespace Seratio.Cli.Devnet;

/// <summary>Completes <see cref="Task"/> on Ctrl-C, SIGTERM or cancellation of the given token. Dispose to unhook.</summary>
internal sealed class StopSignal : IDisposable
{
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration? _sigterm;
    private readonly CancellationTokenRegistration _token;

    public StopSignal(CancellationToken cancellationToken)
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        if (!OperatingSystem.IsWindows())
            _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; _stop.TrySetResult(); });
        _token = cancellationToken.Register(() => _stop.TrySetResult());
    }

    public Task Task => _stop.Task;

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _stop.TrySetResult();
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _sigterm?.Dispose();
        _token.Dispose();
    }
}
