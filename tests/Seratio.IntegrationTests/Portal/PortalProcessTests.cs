using System.Diagnostics;
using System.Runtime.InteropServices;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.Portal;

/// <summary>
/// <c>seratio portal</c> as a real process, as an operator runs it under a service manager: it serves, and it stops
/// cleanly (exit 0, port released) on SIGTERM and on Ctrl-C's SIGINT. It once ignored both: the web host's console
/// lifetime took the signals, and the command waited for a cancellation that never came.
/// </summary>
public sealed class PortalProcessTests
{
    [Theory]
    [InlineData(15, "SIGTERM")]
    [InlineData(2, "SIGINT")]
    public async Task ThePortal_Serves_ThenStopsOnASignal_ExitingZero(int signal, string name)
    {
        int port = TestPorts.Free();
        // No node answers at port 1: static files need none, and the portal must stop all the same.
        var info = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in new[] { "--default-signal=INT", "dotnet", CliRunner.Dll, "portal", "--node", "http://127.0.0.1:1", "--listen", $"127.0.0.1:{port}" })
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => { if (e.Data is null) return; lock (output) output.AppendLine(e.Data); if (e.Data.StartsWith("portal: ", StringComparison.Ordinal)) ready.TrySetResult(); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using var http = new HttpClient();
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}/static/css/portal.css")).StatusCode);

            Assert.Equal(0, kill(process.Id, signal));
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(exit.Token);
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode} after {name}:\n{output}");
            Assert.True(TestPorts.IsFree(port), $"port {port} still taken after {name}");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
