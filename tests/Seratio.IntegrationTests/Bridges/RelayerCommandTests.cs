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
        int metricsPort = TestPorts.Free();

        var output = new StringBuilder();
        using var process = StartCli(["relayer", "--chain", "etc", "--rpc", fixture.Classic.RpcUrl, "--contract", fixture.EtcContract.Address,
                                      "--key-file", keyFile, "--confirmations", "1", "--outbox", outbox,
                                      "--node", fixture.NodeUrl, "--metrics", $"127.0.0.1:{metricsPort}"], output);
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

    /// <summary>
    /// kill -9 of the relayer process at three moments (the instant its outbox first records a submission, and 1.5 s and
    /// 3 s into a run), each time started again on the same outbox: the outbox always reads back, a run after the kills
    /// anchors above what the contract held, and every transaction the account ever had mined is one the outbox knows
    /// and succeeded (nothing forgotten, nothing sent twice into a revert).
    /// </summary>
    [Fact]
    public async Task RelayerProcess_KilledWithSigkillThreeTimes_ResumesFromItsOutbox_NothingLostOrSentTwice()
    {
        var before = await fixture.EthContract.LastHeightAsync();
        var keyFile = Path.Combine(fixture.Root, "relayer-kill.devnet-unsafe.key");
        await File.WriteAllTextAsync(keyFile, RelayerFixture.RelayerKeys[4][2..]);
        var account = new Nethereum.Signer.EthECKey(RelayerFixture.RelayerKeys[4]).GetPublicAddress();
        var outbox = Path.Combine(fixture.Root, "kill-eth.json");
        string[] args = ["relayer", "--chain", "eth", "--rpc", fixture.Ethereum.RpcUrl, "--contract", fixture.EthContract.Address,
                         "--key-file", keyFile, "--confirmations", "1", "--outbox", outbox, "--node", fixture.NodeUrl];

        // 1: killed the moment its outbox first records a submission (written before the transaction leaves).
        var output = new StringBuilder();
        using (var process = StartCli(args, output))
        {
            await fixture.WaitForAsync(async () =>
            {
                if (process.HasExited) throw new InvalidOperationException($"seratio relayer exited with {process.ExitCode}:\n{output}");
                return File.Exists(outbox) && (await File.ReadAllTextAsync(outbox)).Contains("\"Submitted\"", StringComparison.Ordinal) ? "submitted" : null;
            }, "a submission in the outbox");
            process.Kill();
            await process.WaitForExitAsync();
        }
        Assert.NotEmpty(Seratio.Bridges.Relaying.Outbox.Open(outbox).Entries);

        // 2 and 3: killed wherever it happens to be 1.5 s and 3 s into a run.
        foreach (var after in new[] { TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3) })
        {
            using var process = StartCli(args, output);
            await Task.Delay(after);
            Assert.False(process.HasExited, output.ToString());
            process.Kill();
            await process.WaitForExitAsync();
            _ = Seratio.Bridges.Relaying.Outbox.Open(outbox); // reads back after every kill: written by replace, never torn
        }

        // The last run goes on until it has confirmed a height above all the killed runs did, then stops on SIGINT (only once
        // its relayer has started: a SIGINT during the runtime's start would end the process before its handler exists).
        static ulong ConfirmedIn(IEnumerable<Seratio.Bridges.Relaying.OutboxEntry> entries) =>
            entries.Where(e => e.State == Seratio.Bridges.Relaying.OutboxState.Confirmed).Select(e => e.Height).DefaultIfEmpty(0UL).Max();
        var confirmedBefore = Math.Max(before, ConfirmedIn(Seratio.Bridges.Relaying.Outbox.Open(outbox).Entries));
        int startsBefore;
        lock (output) startsBefore = CountOf(output.ToString(), "Relayer for eth started");
        using (var process = StartCli(args, output))
        {
            try
            {
                await fixture.WaitForAsync(() =>
                {
                    if (process.HasExited) throw new InvalidOperationException($"seratio relayer exited with {process.ExitCode}:\n{output}");
                    lock (output) if (CountOf(output.ToString(), "Relayer for eth started") == startsBefore) return Task.FromResult<string?>(null);
                    var entries = Seratio.Bridges.Relaying.Outbox.Open(outbox).Entries;
                    bool done = ConfirmedIn(entries) > confirmedBefore && entries.All(e => e.State != Seratio.Bridges.Relaying.OutboxState.Submitted);
                    return Task.FromResult<string?>(done ? "confirmed" : null);
                }, "a confirmed anchoring after three kills");
                Assert.Equal(0, kill(process.Id, 2));
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await process.WaitForExitAsync(wait.Token);
                Assert.True(process.ExitCode == 0, output.ToString());
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
        }

        var final = Seratio.Bridges.Relaying.Outbox.Open(outbox).Entries;
        Assert.True(await fixture.EthContract.LastHeightAsync() > before);
        int mined = 0;
        foreach (var hash in final.SelectMany(e => e.AllTxHashes))
        {
            var receipt = await fixture.RpcAsync(fixture.Ethereum, "eth_getTransactionReceipt", hash);
            if (receipt.ValueKind == System.Text.Json.JsonValueKind.Null) continue; // a replaced or never-broadcast signature
            Assert.Equal("0x1", receipt.GetProperty("status").GetString());
            mined++;
        }
        var nonce = ulong.Parse((await fixture.RpcAsync(fixture.Ethereum, "eth_getTransactionCount", account, "latest")).GetString()![2..],
            System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        // Each nonce the account used is a transaction the outbox holds: none sent behind its back, none forgotten.
        Assert.Equal(nonce, (ulong)mined);
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private static Process StartCli(IEnumerable<string> args, StringBuilder output)
    {
        var info = new ProcessStartInfo("env") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in new[] { "--default-signal=INT", "dotnet", CliRunner.Dll }.Concat(args)) info.ArgumentList.Add(a);
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
