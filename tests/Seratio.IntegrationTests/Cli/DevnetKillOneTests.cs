using System.Globalization;
using System.Text.RegularExpressions;

namespace Seratio.IntegrationTests.Cli;

/// <summary>
/// What a newcomer tries first: kill one of the four validators of <c>seratio devnet</c> and watch the chain go on.
/// A real devnet of its own, so the other CLI tests keep all four validators.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class DevnetKillOneTests(DevnetFixture fixture) : IClassFixture<DevnetFixture>
{
    [Fact]
    public async Task Devnet_WhenOneValidatorIsKilledByItsPrintedPid_GoesOnCommitting_AndSaysHowToStartItAgain()
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

        devnet.Interrupt();
        Assert.True(await devnet.WaitForExitAsync(TimeSpan.FromSeconds(15)), $"devnet did not exit after SIGINT:\n{devnet.Output}");
        Assert.True(devnet.ExitCode == 0, $"devnet exited with {devnet.ExitCode}:\n{devnet.Output}");
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
