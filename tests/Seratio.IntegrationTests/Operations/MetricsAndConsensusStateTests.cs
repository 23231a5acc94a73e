using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Consensus;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;
using Xunit.Abstractions;

namespace Seratio.IntegrationTests.Operations;

/// <summary>
/// Operations with real node processes: /metrics scraped over HTTP on its own port, GetConsensusState over
/// gRPC, and the CLI's status and consensus commands run as processes against them.
/// </summary>
public sealed class MetricsAndConsensusStateTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SingleValidator_ServesGrowingMetricsAndItsConsensusState()
    {
        var root = Directory.CreateTempSubdirectory("seratio-ops-it-");
        int api = TestPorts.Free(), metricsPort = TestPorts.Free();
        var home = Path.Combine(root.FullName, "node");
        NodeProcess.WriteHome(home, TestNetwork.Genesis(), api, blockIntervalMs: 100, emptyBlockIntervalMs: 300);
        var configPath = Path.Combine(home, "config", "node.json");
        var config = JsonNode.Parse(File.ReadAllText(configPath))!;
        config["Metrics"] = new JsonObject { ["Listen"] = $"127.0.0.1:{metricsPort}" };
        File.WriteAllText(configPath, config.ToJsonString());
        await using var node = new ValidatorProcess("single", home, api, 0);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            node.Start();
            await WaitServingAsync(node);
            var metricsUrl = $"http://127.0.0.1:{metricsPort}/metrics";
            var first = await http.GetStringAsync(metricsUrl);
            foreach (var name in new[]
            {
                "seratio_chain_height", "seratio_consensus_height", "seratio_consensus_round", "seratio_consensus_step",
                "seratio_commit_latency_seconds", "seratio_block_txs", "seratio_block_bytes", "seratio_peers_connected",
                "seratio_mempool_txs", "seratio_txs_admitted_total", "seratio_txs_rejected_total", "seratio_votes_missed_total",
                "seratio_blocks_synced_total", "seratio_evidence_seen_total", "seratio_blocks_committed_total",
            })
                Assert.Contains($"# TYPE {name} ", first, StringComparison.Ordinal);

            // Empty blocks every 300 ms: the height seen by the scrape grows, and so do the per-block figures.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            string later;
            do
            {
                await Task.Delay(500);
                later = await http.GetStringAsync(metricsUrl);
            }
            while (Sample(later, "seratio_chain_height") < Sample(first, "seratio_chain_height") + 2 && DateTime.UtcNow < deadline);
            Assert.True(Sample(later, "seratio_chain_height") >= Sample(first, "seratio_chain_height") + 2, later);
            Assert.True(Sample(later, "seratio_commit_latency_seconds_count") >= 2, later);
            Assert.True(Sample(later, "seratio_blocks_committed_total") >= 2, later);
            Assert.True(Sample(later, "seratio_consensus_height") >= Sample(later, "seratio_chain_height"), later);
            Assert.Equal(0, Sample(later, "seratio_peers_connected"));

            // The metrics listener serves /metrics and nothing else.
            using (var other = await http.GetAsync($"http://127.0.0.1:{metricsPort}/seratio.v1.NodeApi/GetStatus"))
                Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

            var state = await node.Client.GetConsensusStateAsync(new GetConsensusStateRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
            var status = await node.Client.GetStatusAsync(new GetStatusRequest());
            Assert.Equal(NodeRole.Validator, state.Role);
            Assert.True(state.SingleValidator);
            // The engine works on the next height, or, during the commit wait, still shows the height it just decided.
            Assert.True(state.Height == state.LatestHeight + 1 || (state.Decided && state.Height == state.LatestHeight), state.ToString());
            Assert.Equal(0U, state.Round);
            Assert.Equal(status.ValidatorAddress, state.Proposer);
            Assert.Equal(status.ValidatorAddress, Assert.Single(state.Validators).Address);
            Assert.Contains(state.LockedRound, new[] { -1, 0 }); // its own polka of round 0 locks it, as on any chain
            Assert.True(state.HeightStartUnixMs > 0);
            Assert.Empty(state.Peers);

            var cli = new CliRunner(root.FullName);
            var text = await cli.RunAsync("status", "--node", $"http://127.0.0.1:{api}");
            Assert.True(text.ExitCode == 0, text.ToString());
            Assert.Matches(@"(?m)^consensus:\s+height \d+ round 0 step (propose|prevote|precommit)( \(decided\))?", text.StdOut);
            Assert.Matches(@"(?m)^role:\s+validator \(single-validator chain\)$", text.StdOut);
            Assert.Matches(@"(?m)^peers:\s+0$", text.StdOut);
        }
        catch
        {
            output.WriteLine(node.Output);
            throw;
        }
        finally
        {
            node.Kill();
            try { root.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [Fact]
    public async Task FourValidators_ConsensusStateShowsValidatorsVotesAndPeers()
    {
        await using var network = ValidatorNetwork.Start(4);
        var nodes = network.Nodes;
        try
        {
            await network.WaitForHeightAsync(2, TimeSpan.FromSeconds(60));
            var addresses = Enumerable.Range(0, 4).Select(i =>
            {
                using var key = ValidatorNetwork.ValidatorKey(i);
                return key.PublicKey.ToAddress().ToString();
            }).Order(StringComparer.Ordinal).ToArray();

            // Peers announce their heads once a tick: wait until node 0 has heard from all three.
            ConsensusState state;
            var deadline = DateTime.UtcNow.AddSeconds(20);
            do
            {
                state = await nodes[0].Client.GetConsensusStateAsync(new GetConsensusStateRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
                if (state.Peers.Count == 3 && state.Peers.All(p => p.Height > 0)) break;
                await Task.Delay(250);
            }
            while (DateTime.UtcNow < deadline);

            output.WriteLine(state.ToString());
            Assert.Equal(NodeRole.Validator, state.Role);
            Assert.False(state.SingleValidator);
            // Working on the next height, or, in the wait after a commit, on the height just decided.
            Assert.True(state.Height == state.LatestHeight + 1 || (state.Decided && state.Height == state.LatestHeight),
                $"consensus height {state.Height}, decided {state.Decided}, latest {state.LatestHeight}");
            Assert.NotEqual(ConsensusStep.Unspecified, state.Step);
            Assert.Equal(addresses, state.Validators.Select(v => v.Address).Order(StringComparer.Ordinal));
            Assert.All(state.Validators, v => Assert.Equal(10UL, v.Power));
            Assert.Contains(state.Proposer, addresses);
            Assert.Equal(state.Proposer, Assert.Single(state.Validators, v => v.Proposer).Address);
            Assert.True(state.HeightStartUnixMs > 0);
            Assert.Equal(3, state.Peers.Count);
            Assert.All(state.Peers, p =>
            {
                Assert.True(p.Validator);
                Assert.Matches("^[0-9a-f]{64}$", p.NodeId);
                Assert.NotEqual(PeerDirectionKind.Unspecified, p.Direction);
                Assert.True(p.Height >= 1, $"peer {p.NodeId} announced height {p.Height}");
            });
            Assert.Equal(state.Peers.Select(p => p.NodeId).Order(StringComparer.Ordinal), state.Peers.Select(p => p.NodeId));

            var cli = new CliRunner(network.Root);
            var url = $"http://127.0.0.1:{nodes[0].ApiPort}";
            var text = await cli.RunAsync("status", "--node", url);
            Assert.True(text.ExitCode == 0, text.ToString());
            Assert.Matches(@"(?m)^consensus:\s+height \d+ round \d+ step (propose|prevote|precommit)( \(decided\))?$", text.StdOut);
            Assert.Matches(@"(?m)^role:\s+validator$", text.StdOut);
            Assert.Matches(@"(?m)^peers:\s+3 \(", text.StdOut);

            var json = await cli.RunAsync("consensus", "--node", url, "-o", "json");
            Assert.True(json.ExitCode == 0, json.ToString());
            var doc = json.Json();
            Assert.Equal(4, doc.GetProperty("validators").GetArrayLength());
            Assert.Equal(3, doc.GetProperty("peers").GetArrayLength());
            Assert.Equal("validator", doc.GetProperty("role").GetString());

            var table = await cli.RunAsync("consensus", "--node", url);
            Assert.True(table.ExitCode == 0, table.ToString());
            Assert.Contains("prevote", table.StdOut, StringComparison.Ordinal);
            Assert.All(addresses, a => Assert.Contains(a, table.StdOut, StringComparison.Ordinal));
        }
        catch
        {
            output.WriteLine(ValidatorNetwork.Logs(nodes));
            throw;
        }
    }

    [Fact]
    public async Task Consensus_AgainstAClosedPort_FailsWithExitCode1AndAPlainMessage()
    {
        var cli = new CliRunner(Path.GetTempPath());
        var result = await cli.RunAsync("consensus", "--node", $"http://127.0.0.1:{TestPorts.Free()}");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
    }

    private static async Task WaitServingAsync(ValidatorProcess node)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await node.TryStatusAsync() is null)
        {
            if (!node.IsRunning) throw new InvalidOperationException($"{node.Name} exited:\n{node.Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{node.Name} did not serve within 60 s:\n{node.Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>The value of the unlabelled sample <paramref name="name"/> in a Prometheus text page.</summary>
    private static double Sample(string page, string name)
    {
        foreach (var line in page.Split('\n'))
            if (line.StartsWith(name + " ", StringComparison.Ordinal))
                return double.Parse(line[(name.Length + 1)..].Trim(), CultureInfo.InvariantCulture);
        throw new Xunit.Sdk.XunitException($"no sample {name} in\n{page}");
    }
}
