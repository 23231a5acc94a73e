using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Seratio.IntegrationTests.Cli;

/// <summary>
/// <c>seratio devnet --home H --api 127.0.0.1:P</c> as a real process, started with SIGINT at its
/// default disposition (<c>env --default-signal=INT</c>: a shell that starts jobs in the
/// background would otherwise pass SIGINT on as ignored) so that <see cref="Interrupt"/> is
/// what Ctrl-C is at a terminal. Output is collected; not thread safe apart from that.
/// </summary>
public sealed class DevnetProcess : IAsyncDisposable
{
    public const string RunningLine = "devnet running";
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Process _process;

    private DevnetProcess(Process process) => _process = process;

    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>
    /// Starts devnet and returns once it printed its "devnet running" line; <paramref name="extraArgs"/> (e.g. <c>--validators 1</c>)
    /// go after the others; <paramref name="environment"/> is added to its environment, which the validators it starts inherit
    /// (e.g. <c>SERATIO_Consensus__EmptyBlockIntervalMs</c> over their node.json).
    /// </summary>
    public static async Task<DevnetProcess> StartAsync(string home, int apiPort, string keystore, TimeSpan timeout, IReadOnlyList<string>? extraArgs = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("env")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "--default-signal=INT", "dotnet", CliRunner.Dll, "devnet", "--home", home, "--api", $"127.0.0.1:{apiPort}" }.Concat(extraArgs ?? []))
            info.ArgumentList.Add(a);
        info.Environment.Remove("SERATIO_NODE");
        info.Environment.Remove("SERATIO_HOME");
        info.Environment["SERATIO_KEYSTORE"] = keystore;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var process = new Process { StartInfo = info };
        var devnet = new DevnetProcess(process);
        process.OutputDataReceived += (_, e) => devnet.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => devnet.OnLine(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(devnet._running.Task, exited, Task.Delay(timeout));
        if (first == devnet._running.Task) return devnet;
        var why = first == exited ? $"exited with code {process.ExitCode}" : $"printed no '{RunningLine}' line within {timeout}";
        await devnet.DisposeAsync();
        throw new InvalidOperationException($"seratio devnet {why}:\n{devnet.Output}");
    }

    /// <summary>The "devnet running: ..." line.</summary>
    public string RunningLineText => _running.Task.IsCompleted ? _running.Task.Result : "";

    /// <summary>
    /// Waits until the output matches <paramref name="pattern"/> and returns the match: lines arrive one by one, so a banner
    /// line printed after the running line may not be here yet when <see cref="StartAsync"/> returns.
    /// </summary>
    public async Task<System.Text.RegularExpressions.Match> WaitForOutputAsync(System.Text.RegularExpressions.Regex pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var match = pattern.Match(Output);
            if (match.Success || DateTime.UtcNow >= deadline || _process.HasExited) return match;
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL to devnet alone: its children are orphaned, as after <c>kill -9 PID</c>.</summary>
    public void KillAlone() => Signal(9);

    /// <summary>SIGINT, as Ctrl-C sends it.</summary>
    public void Interrupt() => Signal(2);

    /// <summary>Waits for the process to exit; false when it did not within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); return true; }
        catch (OperationCanceledException) { return false; }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signal(15);
            if (!await WaitForExitAsync(TimeSpan.FromSeconds(15))) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (line.Contains(RunningLine, StringComparison.Ordinal)) _running.TrySetResult(line);
    }

    private void Signal(int signal)
    {
        if (!_process.HasExited && NativeMethods.kill(_process.Id, signal) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int kill(int pid, int sig);
    }
}
