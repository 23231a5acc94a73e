using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Seratio.Bridges.Relaying;
using Seratio.IntegrationTests.Bridges;
using Seratio.IntegrationTests.Cli;

namespace Seratio.IntegrationTests.LoadGen;

/// <summary>
/// <c>seratio-loadgen anchor-lag</c> (benchmarks/Seratio.LoadGen) beside a real one-validator devnet, two real anvils and
/// two relayers: every lag it reports must be of a checkpoint the contract holds, from the ready height the node
/// recorded to the EVM block the relayer's outbox recorded, and its summary must count them. Not a performance
/// assertion: only that the tool measures what it says.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed partial class AnchorLagToolTests : IAsyncLifetime
{
    private AnchoredDevnet _net = null!;

    public async Task InitializeAsync() => _net = await AnchoredDevnet.StartAsync("anchor-lag", validators: 1);

    [Fact]
    public async Task AnchorLag_ReportsEachCheckpoint_FromItsReadyHeight_ToTheEvmBlockThatIncludedIt()
    {
        var usage = await RunAsync("anchor-lag", "--node", _net.Url, "--rpc-eth", _net.Ethereum.RpcUrl);
        Assert.True(usage.ExitCode == 2, usage.ToString());
        Assert.Contains("--contract-eth", usage.StdErr);

        _net.StartRelayers();
        var run = await RunAsync("anchor-lag", "--node", _net.Url,
            "--rpc-eth", _net.Ethereum.RpcUrl, "--contract-eth", _net.EthContract.Address,
            "--rpc-etc", _net.Classic.RpcUrl, "--contract-etc", _net.EtcContract.Address,
            "--checkpoints", "2", "--duration", "60", "--poll-ms", "50");
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = LagLine().Matches(run.StdOut);
        // The tool may see an inclusion before the relayer's next round records it in the outbox.
        await _net.WaitForAsync(async () =>
        {
            await Task.Yield();
            return lines.All(m => (m.Groups["target"].Value == "eth" ? _net.EthRelayer : _net.EtcRelayer).Entries
                .Any(e => e.Height == ulong.Parse(m.Groups["height"].Value, CultureInfo.InvariantCulture) && e.State is OutboxState.Included or OutboxState.Confirmed)) ? "" : null;
        }, "every measured checkpoint recorded as included in the relayers' outboxes");
        await _net.StopRelayersAsync();

        foreach (var target in new[] { "eth", "etc" })
        {
            var mine = lines.Where(m => m.Groups["target"].Value == target).ToList();
            Assert.True(mine.Count >= 2, $"{target}: {mine.Count} lag lines\n{run}");
            var (contract, relayer) = target == "eth" ? (_net.EthContract, _net.EthRelayer) : (_net.EtcContract, _net.EtcRelayer);
            foreach (var line in mine)
            {
                ulong height = ulong.Parse(line.Groups["height"].Value, CultureInfo.InvariantCulture);
                var record = await _net.CheckpointAsync(height);
                Assert.Equal(record.StateRoot.ToByteArray(), (await contract.CheckpointAtAsync(height)).StateRoot);
                Assert.Equal(record.Targets.Single(t => t.Target.Name == target).ReadyHeight, ulong.Parse(line.Groups["ready"].Value, CultureInfo.InvariantCulture));
                Assert.Equal(relayer.Entries.Single(e => e.Height == height).BlockNumber, ulong.Parse(line.Groups["block"].Value, CultureInfo.InvariantCulture));
                var lag = int.Parse(line.Groups["ms"].Value, CultureInfo.InvariantCulture);
                Assert.InRange(lag, 0, 60_000);
            }
            Assert.Matches($@"{target}: {mine.Count} included of \d+ turned ready .*lag p50 \d+ ms, p99 \d+ ms, max \d+ ms", run.StdOut);
        }
    }

    private static async Task<CliResult> RunAsync(params string[] args)
    {
        var dll = Path.Combine(RepoPaths.OutputOf(Path.Combine("benchmarks", "Seratio.LoadGen")), "seratio-loadgen.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing; building this test project builds it");
        var info = new ProcessStartInfo("dotnet");
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        var keystore = Directory.CreateTempSubdirectory("seratio-anchor-lag-it-").FullName;
        try { return await CliRunner.RunProcessAsync(info, keystore, TimeSpan.FromSeconds(120)); }
        finally { Directory.Delete(keystore, recursive: true); }
    }

    [GeneratedRegex(@"^(?<target>eth|etc): checkpoint (?<height>\d+) ready at seratio height (?<ready>\d+), included in evm block (?<block>\d+) (?<ms>\d+) ms later", RegexOptions.Multiline)]
    private static partial Regex LagLine();

    public async Task DisposeAsync()
    {
        if (_net is not null) await _net.DisposeAsync();
    }
}
