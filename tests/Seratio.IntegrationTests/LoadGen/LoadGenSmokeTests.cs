using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Consensus;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.LoadGen;

/// <summary>
/// The load generator (benchmarks/Seratio.LoadGen, run as its built seratio-loadgen.dll) against
/// a real node for a few seconds: it must fund its accounts, get transfers committed and report
/// consistent figures. Not a performance assertion: only that the tool works end to end.
/// </summary>
public sealed partial class LoadGenSmokeTests
{
    /// <summary>The load generator funds its accounts from the devnet keys "devnet/dev-N", so this chain funds those.</summary>
    private static Genesis GenesisFundingDevKeys() => FundingDevKeys(TestNetwork.Genesis());

    /// <summary><paramref name="genesis"/> (its validators and parameters) with the devnet keys as its funded accounts.</summary>
    private static Genesis FundingDevKeys(Genesis genesis)
    {
        var accounts = Enumerable.Range(0, 4).Select(i =>
        {
            using var key = SigningKey.ForTesting($"devnet/dev-{i}");
            return new GenesisAccount { Name = $"dev-{i}", Address = key.Address.ToString(), Balance = TestNetwork.InitialBalance.ToString() };
        }).ToList();
        return new Genesis
        {
            ChainId = "seratio-loadgen-it-1",
            GenesisTimeUnixMs = genesis.GenesisTimeUnixMs,
            Params = genesis.Params,
            Validators = genesis.Validators,
            Accounts = accounts,
        };
    }

    [Fact]
    public async Task LoadGen_ForThreeSeconds_CommitsTransfersAndReportsOrderedPercentiles()
    {
        await using var node = await NodeProcess.StartAsync(GenesisFundingDevKeys());
        var info = new ProcessStartInfo("dotnet");
        foreach (var a in new[]
        {
            LoadGenDll(),
            "--node", node.ApiUrl, "--duration", "3", "--warmup", "1", "--accounts", "8", "--concurrency", "4",
        }) info.ArgumentList.Add(a);
        var keystore = Directory.CreateTempSubdirectory("seratio-loadgen-it-").FullName;
        CliResult run;
        try { run = await CliRunner.RunProcessAsync(info, keystore, TimeSpan.FromSeconds(120)); }
        finally { Directory.Delete(keystore, recursive: true); }

        Assert.True(run.ExitCode == 0, $"seratio-loadgen failed\n{run}\n--- node\n{node.Output}");
        double committed = Number(run, CommittedLine());
        double bound = Number(run, BoundLine());
        var latency = LatencyLine().Match(run.StdOut);
        Assert.True(latency.Success, $"no commit latency line\n{run}");
        double p50 = Parse(latency.Groups["p50"].Value), p95 = Parse(latency.Groups["p95"].Value), p99 = Parse(latency.Groups["p99"].Value);

        Assert.True(committed > 0, $"committed {committed} tx/s\n{run}");
        Assert.True(bound > 0, $"bound {bound} tx/s\n{run}");
        Assert.True(p50 <= p95 && p95 <= p99, $"percentiles out of order: p50 {p50}, p95 {p95}, p99 {p99}\n{run}");
        Assert.True(p50 > 0, $"p50 {p50} ms\n{run}");
    }

    [Fact]
    public async Task LoadGen_OverFourValidatorsWithOneKilled_SpreadsSubmissionsAndReportsRecovery()
    {
        await using var network = ValidatorNetwork.Start(4, FundingDevKeys);
        await network.WaitForHeightAsync(1, TimeSpan.FromSeconds(60));
        var info = new ProcessStartInfo("dotnet");
        foreach (var a in new[]
        {
            LoadGenDll(),
            "--nodes", string.Join(',', network.Nodes.Select(n => $"http://127.0.0.1:{n.ApiPort}")),
            "--duration", "6", "--warmup", "1", "--accounts", "8", "--concurrency", "4", "--rate", "40",
            "--kill-after", "2", "--kill-pid", network.Nodes[3].ProcessId.ToString(CultureInfo.InvariantCulture),
        }) info.ArgumentList.Add(a);
        var keystore = Directory.CreateTempSubdirectory("seratio-loadgen-it-").FullName;
        CliResult run;
        try { run = await CliRunner.RunProcessAsync(info, keystore, TimeSpan.FromSeconds(120)); }
        finally { Directory.Delete(keystore, recursive: true); }

        Assert.True(run.ExitCode == 0, $"seratio-loadgen failed\n{run}\n--- nodes\n{ValidatorNetwork.Logs(network.Nodes)}");
        Assert.Contains("submitting to 4 nodes", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("/ 4 validator(s)", run.StdOut, StringComparison.Ordinal);
        Assert.False(network.Nodes[3].IsRunning, "the load generator did not kill validator-3");
        Assert.True(Number(run, CommittedLine()) > 0, $"nothing committed\n{run}");
        var perSecond = PerSecondLine().Match(run.StdOut);
        Assert.True(perSecond.Success, $"no per-second line\n{run}");
        Assert.Equal(6, perSecond.Groups["n"].Captures.Count);
        Assert.Matches(KillLine(), run.StdOut);
        Assert.Matches(RecoveryLine(), run.StdOut);
        Assert.Matches(@"(?m)^\s*longest gap\s+\d+ s without a commit before the kill, \d+ s after it", run.StdOut);
    }

    /// <summary>
    /// The load generator's own build output: next to this test it would bind the ASP.NET shared
    /// framework's logging assemblies, which its runtimeconfig (Microsoft.NETCore.App only) cannot load.
    /// </summary>
    private static string LoadGenDll()
    {
        var dll = Path.Combine(RepoPaths.OutputOf(Path.Combine("benchmarks", "Seratio.LoadGen")), "seratio-loadgen.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing; building this test project builds it");
        return dll;
    }

    private static double Number(CliResult run, Regex line)
    {
        var match = line.Match(run.StdOut);
        Assert.True(match.Success, $"no line matching {line}\n{run}");
        return Parse(match.Groups["n"].Value);
    }

    /// <summary>Figures are printed with InvariantCulture N0 ("1,234"); NaN fails the comparisons that follow.</summary>
    private static double Parse(string text) => double.Parse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?m)^\s*committed\s+(?<n>[\d,.]+|NaN) tx/s")]
    private static partial Regex CommittedLine();

    [GeneratedRegex(@"(?m)^\s*per second(?:\s+(?<n>\d+))+\s*$")]
    private static partial Regex PerSecondLine();

    [GeneratedRegex(@"(?m)^\s*kill\s+validator killed at second 3; before it [\d,]+ tx/s committed")]
    private static partial Regex KillLine();

    [GeneratedRegex(@"(?m)^\s*recovery\s+(≤ \d+ s to a second at ≥ 90 %|not back to 90 %|nothing committed before the kill)")]
    private static partial Regex RecoveryLine();

    [GeneratedRegex(@"(?m)^\s*Ed25519 bound\s.*=\s*(?<n>[\d,.]+|NaN) tx/s")]
    private static partial Regex BoundLine();

    [GeneratedRegex(@"(?m)^\s*commit latency\s+p50 (?<p50>[\d,.]+|NaN) ms\W+p95 (?<p95>[\d,.]+|NaN) ms\W+p99 (?<p99>[\d,.]+|NaN) ms")]
    private static partial Regex LatencyLine();
}
