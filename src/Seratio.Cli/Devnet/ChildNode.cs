using System.Diagnostics;
using System.Runtime.InteropServices;
using Seratio.Cli.Cli;

namespace Seratio.Cli.Devnet;

/// <summary>
/// A node running as a child process of this CLI (<c>seratio node start ...</c>), so a crash of
/// the node is a real process crash. Its output lines are forwarded with a "[name] " prefix.
/// Not thread safe apart from the output forwarding.
/// </summary>
internal sealed class ChildNode : IAsyncDisposable
{
    private readonly Process _process;

    private ChildNode(string name, Process process)
    {
        Name = name;
        _process = process;
        Exited = process.WaitForExitAsync();
    }

    public string Name { get; }
    public int ProcessId => _process.Id;
    /// <summary>Completes when the process has exited.</summary>
    public Task Exited { get; }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts this executable again with <paramref name="arguments"/>, and <paramref name="environment"/> added to its environment.</summary>
    public static ChildNode Start(string name, IReadOnlyList<string> arguments, CliConsole console, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (fileName, prefix) = SelfCommand();
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var a in prefix.Concat(arguments)) info.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) console.Out.WriteLine($"[{name}] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) console.Error.WriteLine($"[{name}] {e.Data}"); };
        if (!process.Start()) throw CommandException.Failed($"could not start {fileName}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildNode(name, process);
    }

    /// <summary>SIGTERM, then waits up to <paramref name="grace"/>, then kills the process tree.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited) return;
        if (!OperatingSystem.IsWindows()) NativeMethods.Terminate(_process.Id);
        else _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(grace);
        try { await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false); }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>How to run this CLI again: its apphost, or `dotnet seratio.dll` when started through dotnet.</summary>
    private static (string FileName, string[] Prefix) SelfCommand()
    {
        var path = Environment.ProcessPath ?? throw CommandException.Failed("cannot tell which executable is running");
        if (Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var dll = typeof(ChildNode).Assembly.Location;
            return (path, [dll]);
        }
        return (path, []);
    }

    private static class NativeMethods
    {
        private const int SigTerm = 15;

        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int sig);

        public static void Terminate(int pid) => _ = kill(pid, SigTerm);
    }
}
