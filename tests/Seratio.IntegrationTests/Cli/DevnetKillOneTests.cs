using System.Globalization;
using System.Text.RegularExpressions;

namespace Seratio.IntegrationTests.Cli;

/// <summary>
/// What a newcomer tries first: kill one of the four validators of <c>seratio devnet</c> and watch the chain go on, start
/// it again by hand and see devnet report it back, then kill two and see devnet say the chain stopped. A real devnet of
/// its own, so the other CLI tests keep all four validators.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class DevnetKillOneTests(DevnetFixture fixture) : IClassFixture<DevnetFixture>
{
    [Fact]
    public async Task Devnet_WhenOneValidatorIsKilledByItsPrintedPid_GoesOnCommitting_AndSaysHowToStartItAgain_ThenReportsItBack_AndAStopAtTwoDown()
    {
        var devnet = fixture.Devnet;
        var victim = ProcessTable.ChildrenOf(devnet.Pid)
            .Single(pid => ProcessTable.CommandLine(pid) is var line && line.Contains("node start", StringComparison.Ordinal)
                && line.Contains(Path.Combine(fixture.Home, "validator-3"), StringComparison.Ordinal));
        // The README kills by the pid devnet printed, never by a name other people's devnets share.
        var printed = Regex.Match(devnet.Output, @"started validator-3 \(pid (\d+)\)");
        Assert.True(printed.Success, $"devnet did not print validator-3's pid:\n{devnet.Output}");
        Assert.Equal(victim, int.Parse(printed.Groups[1].Value, CultureInfo.InvariantCulture));
        ulong before = await HeightAsync();

        System.Diagnostics.Process.GetProcessById(victim).Kill(); // SIGKILL

        await WaitUntil(() => devnet.Output.Contains("validator-3 exited with code", StringComparison.Ordinal), "devnet reports the exit", devnet);
        Assert.Contains($"seratio node start --home {Path.Combine(fixture.Home, "validator-3")}", devnet.Output);
        Assert.False(devnet.HasExited, $"devnet stopped when one of four validators died:\n{devnet.Output}");
        ulong afterKill = await HeightAsync();
        Assert.True(afterKill >= before);
        await WaitUntilAsync(async () => await HeightAsync() >= afterKill + 4, "four more heights committed by the other three", devnet);
        Assert.False(devnet.HasExited);
        Assert.Contains("validator-3 exited with code 137; the validators up hold 30 of 40 voting power, more than 2/3, so the others go on committing", devnet.Output);

        // Started again by hand with the command devnet printed: the node logs its start and its blocks, devnet reports it back.
        var restart = Regex.Match(devnet.Output, @"seratio node start --home (\S+) --api (\S+) --metrics (\S+)");
        Assert.True(restart.Success, devnet.Output);
        await using (var byHand = HandStartedNode.Start(restart.Groups[1].Value, restart.Groups[2].Value, restart.Groups[3].Value, fixture.Keystore))
        {
            await WaitUntil(() => devnet.Output.Contains("[validator-3] back (height ", StringComparison.Ordinal), "devnet reports validator-3 back", devnet);
            await WaitUntil(() => byHand.Output.Contains("Consensus started at head", StringComparison.Ordinal)
                && Regex.IsMatch(byHand.Output, "(Committed|Synced) block"), $"the hand-started node logs its start and blocks:\n{byHand.Output}", devnet);
            Assert.Contains("not started by devnet", devnet.Output);

            // Two of four down: devnet must not say the others go on.
            byHand.Kill();
            await WaitUntil(() => devnet.Output.Contains("[validator-3] stopped answering; the validators up hold 30 of 40", StringComparison.Ordinal),
                "devnet reports the hand-started validator gone", devnet);
            var second = Regex.Match(devnet.Output, @"started validator-2 \(pid (\d+)\)");
            System.Diagnostics.Process.GetProcessById(int.Parse(second.Groups[1].Value, CultureInfo.InvariantCulture)).Kill();
            await WaitUntil(() => devnet.Output.Contains("validator-2 exited with code", StringComparison.Ordinal), "devnet reports the second exit", devnet);
            var words = devnet.Output[devnet.Output.IndexOf("validator-2 exited with code", StringComparison.Ordinal)..].Split('\n')[0];
            Assert.Contains("the validators up hold 20 of 40 voting power, not more than 2/3: the chain has stopped committing", words);
            Assert.Contains("start 1 of validator-2, validator-3 again", words);
            Assert.DoesNotContain("go on", words);
            Assert.False(devnet.HasExited);
        }

        devnet.Interrupt();
        Assert.True(await devnet.WaitForExitAsync(TimeSpan.FromSeconds(15)), $"devnet did not exit after SIGINT:\n{devnet.Output}");
        Assert.True(devnet.ExitCode == 0, $"devnet exited with {devnet.ExitCode}:\n{devnet.Output}");
    }

    /// <summary>A validator started by hand, as a newcomer would from the command devnet printed; its output is collected. SIGKILL on dispose.</summary>
    private sealed class HandStartedNode : IAsyncDisposable
    {
        private readonly System.Diagnostics.Process _process;
        private readonly System.Text.StringBuilder _output = new();

        private HandStartedNode(System.Diagnostics.Process process) => _process = process;

        public string Output { get { lock (_output) return _output.ToString(); } }

        public static HandStartedNode Start(string home, string api, string metrics, string keystore)
        {
            var info = new System.Diagnostics.ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { CliRunner.Dll, "node", "start", "--home", home, "--api", api, "--metrics", metrics }) info.ArgumentList.Add(a);
            info.Environment.Remove("SERATIO_NODE");
            info.Environment.Remove("SERATIO_HOME");
            info.Environment["SERATIO_KEYSTORE"] = keystore;
            var process = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("could not start seratio node start");
            var node = new HandStartedNode(process);
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (node._output) node._output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (node._output) node._output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return node;
        }

        public void Kill()
        {
            if (!_process.HasExited) _process.Kill(); // SIGKILL
        }

        public async ValueTask DisposeAsync()
        {
            Kill();
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }

    private async Task<ulong> HeightAsync()
    {
        var result = await fixture.Cli.RunAsync("status", "--node", fixture.Url);
        Assert.True(result.ExitCode == 0, result.ToString());
        var match = Regex.Match(result.StdOut, @"(?m)^height:\s+(\d+)");
        Assert.True(match.Success, $"no height in status:\n{result.StdOut}");
        return ulong.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static Task WaitUntil(Func<bool> condition, string what, DevnetProcess devnet) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, devnet);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, DevnetProcess devnet)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not within 60 s: {what}\n{devnet.Output}");
            await Task.Delay(200);
        }
    }
}
