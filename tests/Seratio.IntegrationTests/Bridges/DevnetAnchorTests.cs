using System.Text.Json;
using System.Text.RegularExpressions;
using Nethereum.Web3;
using Seratio.Bridges.Contracts;
using Seratio.IntegrationTests.Cli;

namespace Seratio.IntegrationTests.Bridges;

/// <summary>
/// Issue 10, "Local network": a real <c>seratio devnet --anchor</c> process (one validator child process, two anvil child
/// processes, two relayers inside the devnet) anchors checkpoints to both anvils; <c>seratio anchor status</c> reports
/// what the contracts and the anvils say; Ctrl-C leaves no anvil behind. Empty blocks every 300 ms (the validator inherits
/// the setting from the devnet's environment) so height 10 comes within seconds.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed partial class DevnetAnchorTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _root = Directory.CreateTempSubdirectory("seratio-devanchor-").FullName;

    [Fact]
    public async Task DevnetAnchor_AnchorsToBothChains_StatusReportsHeightTxAndConfirmations_AndCtrlCStopsTheAnvils()
    {
        var (api, anvil) = FreePorts();
        var home = Path.Combine(_root, "devnet");
        var cli = new CliRunner(Keystore);
        await using var devnet = await StartAsync(home, api, anvil);

        // The banner names both chains and the verify command with its exact flags.
        string ethRpc = $"http://127.0.0.1:{anvil}", etcRpc = $"http://127.0.0.1:{anvil + 1}";
        const string contract = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
        Assert.Contains($"eth  {ethRpc}  chain id 1337  contract {contract}", devnet.Output);
        Assert.Contains($"etc  {etcRpc}  chain id 63  contract {contract}", devnet.Output);
        Assert.Contains($"seratio cert verify CERT_ID --on etc --rpc {etcRpc} --contract {contract}", devnet.Output);
        var anvilPids = Pids(AnvilPid(), devnet.Output);
        Assert.Equal(2, anvilPids.Count);

        // Both contracts reach a checkpoint of height 10 or more, read straight from the anvils.
        var artifacts = AnchorArtifacts.Load(Path.Combine(AppContext.BaseDirectory, "anchor"));
        var chains = new[] { (Name: "eth", Rpc: ethRpc, ChainId: 1337L), (Name: "etc", Rpc: etcRpc, ChainId: 63L) };
        var deadline = DateTime.UtcNow + Patience;
        foreach (var c in chains)
        {
            var anchor = AnchorContract.At(new Web3(c.Rpc), artifacts, contract, c.ChainId);
            while (await anchor.LastHeightAsync() < 10)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{c.Name} anchored no height ≥ 10 within {Patience}:\n{devnet.Output}");
                await Task.Delay(250);
            }
        }

        var status = await cli.RunAsync("anchor", "status", "--home", home, "-o", "json");
        Assert.True(status.ExitCode == 0, status + devnet.Output);
        var json = status.Json();
        Assert.Equal($"http://127.0.0.1:{api}", json.GetProperty("node").GetString());
        var reported = json.GetProperty("chains").EnumerateArray().ToList();
        Assert.Equal(["eth", "etc"], reported.Select(r => r.GetProperty("name").GetString()));
        foreach (var (c, r) in chains.Zip(reported))
        {
            var web3 = new Web3(c.Rpc);
            ulong height = r.GetProperty("anchored_height").GetUInt64();
            ulong onContract = await AnchorContract.At(web3, artifacts, contract, c.ChainId).LastHeightAsync();
            Assert.InRange(height, 10UL, onContract); // the relayer may have anchored another since
            Assert.Equal(0UL, height % 10);
            Assert.Equal(c.ChainId, r.GetProperty("evm_chain_id").GetInt64());
            Assert.Equal(contract, r.GetProperty("contract").GetString());

            // The reported transaction is the one whose receipt carries CheckpointAnchored for that height, in that block.
            var txHash = r.GetProperty("tx_hash").GetString()!;
            var receipt = await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(txHash);
            Assert.NotNull(receipt);
            Assert.Equal(1, (int)receipt.Status.Value);
            Assert.Equal(contract, receipt.To, ignoreCase: true);
            ulong block = r.GetProperty("block_number").GetUInt64();
            Assert.Equal(block, (ulong)receipt.BlockNumber.Value);
            Assert.Contains(receipt.Logs, l => l.Topics.Length > 1 && (string)l.Topics[1] == "0x" + height.ToString("x64", System.Globalization.CultureInfo.InvariantCulture));

            ulong head = r.GetProperty("head").GetUInt64();
            ulong confirmations = r.GetProperty("confirmations").GetUInt64();
            Assert.True(confirmations >= 1, r.ToString());
            Assert.Equal(head - block + 1, confirmations);
            Assert.True((ulong)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value >= head);
            Assert.Equal("0", r.GetProperty("epoch").GetString());
            Assert.True(r.GetProperty("node_ready_height").GetUInt64() >= height, r.ToString());
        }

        // Text, for one chain.
        var text = await cli.RunAsync("anchor", "status", "--home", home, "--chain", "etc");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Matches(@"(?m)^anchored height: \d+0 \(node's latest ready checkpoint \d+0, lag \d+\)", text.StdOut);
        Assert.Matches(@"(?m)^transaction: +0x[0-9a-f]{64} in block \d+, \d+ confirmation", text.StdOut);
        Assert.DoesNotContain("eth at", text.StdOut);

        // The same chain named by flags instead of anchor.json.
        var byFlags = await cli.RunAsync("anchor", "status", "--rpc", etcRpc, "--contract", contract, "--chain", "etc", "--node", $"http://127.0.0.1:{api}", "-o", "json");
        Assert.True(byFlags.ExitCode == 0, byFlags.ToString());
        var etcByFlags = Assert.Single(byFlags.Json().GetProperty("chains").EnumerateArray());
        Assert.Equal(63, etcByFlags.GetProperty("evm_chain_id").GetInt64());
        Assert.True(etcByFlags.GetProperty("anchored_height").GetUInt64() >= reported[1].GetProperty("anchored_height").GetUInt64());
        Assert.Matches("^0x[0-9a-f]{64}$", etcByFlags.GetProperty("tx_hash").GetString());

        // Ctrl-C stops relayers, anvils and the validator; nothing keeps the anvils' ports.
        devnet.Interrupt();
        Assert.True(await devnet.WaitForExitAsync(TimeSpan.FromSeconds(30)), "devnet did not stop within 30 s of SIGINT:\n" + devnet.Output);
        Assert.True(devnet.ExitCode == 0, devnet.Output);
        Assert.Contains("stopping anvil for eth", devnet.Output);
        Assert.True(TestPorts.IsFree(anvil) && TestPorts.IsFree(anvil + 1), $"an anvil port is still taken after the devnet stopped:\n{devnet.Output}");
        Assert.All(anvilPids, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"anvil pid {pid} still runs"));
        Assert.False(File.Exists(Path.Combine(home, "anchor.json")), "anchor.json outlived the devnet");
    }

    [Fact]
    public async Task DevnetAnchor_AfterADevnetKilledWithSigkill_TheNextStartStopsTheAnvilsItLeft()
    {
        var (api, anvil) = FreePorts();
        var home = Path.Combine(_root, "devnet");
        var orphans = new List<int>();
        try
        {
            await using (var killed = await StartAsync(home, api, anvil))
            {
                orphans.AddRange(Pids(AnvilPid(), killed.Output));
                orphans.AddRange(Pids(ValidatorPid(), killed.Output));
                Assert.Equal(3, orphans.Count);
                killed.KillAlone();
                Assert.True(await killed.WaitForExitAsync(TimeSpan.FromSeconds(10)));
            }
            // Its children outlive it; the anvils still hold their ports. The validator is not this test's subject: stop it.
            Assert.False(TestPorts.IsFree(anvil), "the orphaned eth anvil should still hold its port");
            using (var validator = System.Diagnostics.Process.GetProcessById(orphans[2]))
            {
                validator.Kill();
                await validator.WaitForExitAsync();
            }

            await using var again = await StartAsync(home, api, anvil);
            Assert.Contains($"stopped anvil (pid {orphans[0]}) for eth, left running by a devnet of this folder", again.Output);
            Assert.Contains($"stopped anvil (pid {orphans[1]}) for etc, left running by a devnet of this folder", again.Output);
            Assert.False(Directory.Exists($"/proc/{orphans[0]}") || Directory.Exists($"/proc/{orphans[1]}"), "a stale anvil still runs");
            Assert.Equal(2, Pids(AnvilPid(), again.Output).Count);
            again.Interrupt();
            Assert.True(await again.WaitForExitAsync(TimeSpan.FromSeconds(30)), again.Output);
            Assert.True(again.ExitCode == 0, again.Output);
            Assert.True(TestPorts.IsFree(anvil) && TestPorts.IsFree(anvil + 1), again.Output);
        }
        finally
        {
            // Whatever a failed assertion left behind: only the processes this test's devnet started.
            foreach (var pid in orphans.Where(p => Directory.Exists($"/proc/{p}")))
            {
                try { using var p = System.Diagnostics.Process.GetProcessById(pid); p.Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
            }
        }
    }

    private string Keystore => Directory.CreateDirectory(Path.Combine(_root, "keystore")).FullName;

    /// <summary><c>seratio devnet --anchor --validators 1</c> with empty blocks every 300 ms (the validator inherits the setting).</summary>
    private Task<DevnetProcess> StartAsync(string home, int api, int anvil) =>
        DevnetProcess.StartAsync(home, api, Keystore, TimeSpan.FromSeconds(90),
            ["--validators", "1", "--anchor", "--anvil-port", anvil.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { ["SERATIO_Consensus__EmptyBlockIntervalMs"] = "300" });

    private static List<int> Pids(Regex pattern, string output) =>
        [.. pattern.Matches(output).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"started anvil for \w+ \(pid (\d+)\)")]
    private static partial Regex AnvilPid();

    [GeneratedRegex(@"started validator-\d+ \(pid (\d+)\)")]
    private static partial Regex ValidatorPid();

    /// <summary>A devnet's base API port (its validators' ports derive from it) and two anvil ports, free and reserved.</summary>
    private static (int Api, int Anvil) FreePorts() => (TestPorts.Block(DevnetFixture.DevnetPortOffsets), TestPorts.Block(0, 1));
}
