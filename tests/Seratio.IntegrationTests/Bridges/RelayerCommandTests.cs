using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Seratio.IntegrationTests.Cli;

namespace Seratio.IntegrationTests.Bridges;

/// <summary>
/// <c>seratio relayer --chain etc</c> as a real process against the fixture's devnet and etc anvil: it anchors a checkpoint
/// above what the contract held, writes its outbox, serves its metrics on <c>--metrics</c>, and stops cleanly on SIGINT
/// (what Ctrl-C sends) with exit code 0.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class RelayerCommandTests(RelayerFixture fixture) : IClassFixture<RelayerFixture>
{
    [Fact]
    public async Task RelayerCommand_AnchorsToEtc_AndStopsCleanlyOnCtrlC()
    {
        var before = await fixture.EtcContract.LastHeightAsync();
        var keyFile = Path.Combine(fixture.Root, "relayer-cli.devnet-unsafe.key");
        await File.WriteAllTextAsync(keyFile, $"{{\"private_key\":\"{RelayerFixture.RelayerKeys[5][2..]}\"}}");
        var outbox = Path.Combine(fixture.Root, "cli-etc.json");
        int metricsPort = Enumerable.Range(9890, 10).First(IsFree); // this helper's port range

        var info = new ProcessStartInfo("env") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in new[] { "--default-signal=INT", "dotnet", CliRunner.Dll, "relayer", "--chain", "etc", "--rpc", fixture.Classic.RpcUrl,
                                  "--contract", fixture.EtcContract.Address, "--key-file", keyFile, "--confirmations", "1", "--outbox", outbox,
                                  "--node", fixture.NodeUrl, "--metrics", $"127.0.0.1:{metricsPort}" })
            info.ArgumentList.Add(a);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await fixture.WaitForAsync(async () =>
            {
                if (process.HasExited) throw new InvalidOperationException($"seratio relayer exited with {process.ExitCode}:\n{output}");
                return File.Exists(outbox) && (await File.ReadAllTextAsync(outbox)).Contains("\"Confirmed\"", StringComparison.Ordinal) ? "confirmed" : null;
            }, "confirmed entry in the CLI relayer's outbox");
            Assert.True(await fixture.EtcContract.LastHeightAsync() > before);
            using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
            {
                // The gauges are set at the end of the relayer's round, a moment after the outbox file is written, and a
                // fast chain may have confirmed more than one checkpoint by then.
                const string confirmedLine = "seratio_relayer_outbox_entries{target=\"etc\",state=\"Confirmed\"} ";
                var metrics = await fixture.WaitForAsync(async () =>
                {
                    var text = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");
                    var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(confirmedLine, StringComparison.Ordinal));
                    return line is not null && double.Parse(line[confirmedLine.Length..], System.Globalization.CultureInfo.InvariantCulture) >= 1 ? text : null;
                }, "a confirmed entry in the relayer's metrics");
                var anchored = metrics.Split('\n').Single(l => l.StartsWith("seratio_relayer_anchored_height{target=\"etc\"}", StringComparison.Ordinal));
                Assert.True(double.Parse(anchored[(anchored.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture) > before, metrics);
                Assert.Contains("seratio_relayer_gas_used_total{target=\"etc\"}", metrics, StringComparison.Ordinal);
            }

            Assert.Equal(0, kill(process.Id, 2));
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(wait.Token);
            lock (output)
            {
                Assert.True(process.ExitCode == 0, output.ToString());
                Assert.Contains("relayer for etc stopped", output.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
