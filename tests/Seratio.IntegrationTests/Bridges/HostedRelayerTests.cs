using System.Globalization;
using System.Text.RegularExpressions;
using Seratio.Bridges.Anvil;
using Seratio.Bridges.Checkpoints;
using Seratio.Bridges.Contracts;
using Seratio.Bridges.Relaying;
using Seratio.Core.Keys;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.Bridges;

/// <summary>
/// Issue 10, the relayer inside the node: a real one-validator devnet whose node runs a hosted relayer (section
/// <c>Relayers</c>, given as SERATIO_ variables its validator process inherits) with an encrypted keystore key, against a
/// real anvil where the contract appears only after the node started. The relayer waits (backing off, the node
/// committing meanwhile), then anchors, and the node's /metrics shows the anchored height and the gas spent. A bad setting
/// or a wrong passphrase refuses the start of a real seratio-node process with exit code 1, naming the setting.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class HostedRelayerTests
{
    /// <summary>The address anvil's first account deploys to at nonce 0: the devnet genesis's eth and etc targets.</summary>
    private const string DevnetContract = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AHostedRelayer_AnchorsToAnvil_FromInsideTheNode_AndTheNodeMetricsShowHeightLagAndGas()
    {
        var root = Directory.CreateTempSubdirectory("seratio-hosted-").FullName;
        try
        {
            var contracts = Path.Combine(ReferenceRoot(), "bridges", "contracts");
            await using var anvil = await AnvilNode.StartAsync(AnvilChain.Ethereum, AnvilLocator.Find(contracts));
            var keyFile = Path.Combine(root, "relayer.keystore.json");
            var passphraseFile = Path.Combine(root, "relayer.passphrase");
            OwnerOnlyFiles.WriteNewText(passphraseFile, "correct horse battery staple\n");
            var key = RelayerKeyFile.CreateEncrypted(keyFile, "correct horse battery staple");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            await RpcAsync(http, anvil, "anvil_setBalance", key.Address, "0x56bc75e2d63100000"); // 100 ether: the address to fund

            int api = TestPorts.Block(DevnetFixture.DevnetPortOffsets);
            var environment = new Dictionary<string, string>
            {
                // A block every 200 ms instead of the one-validator devnet's empty block every 5 s: the first checkpoint
                // (height 10, ready a block or two later) comes within seconds.
                ["SERATIO_Consensus__EmptyBlockIntervalMs"] = "200",
                ["SERATIO_Relayers__Targets__0__Target"] = "eth",
                ["SERATIO_Relayers__Targets__0__RpcUrl"] = anvil.RpcUrl,
                ["SERATIO_Relayers__Targets__0__Contract"] = DevnetContract,
                ["SERATIO_Relayers__Targets__0__KeyFile"] = keyFile,
                ["SERATIO_Relayers__Targets__0__KeyPassphraseFile"] = passphraseFile,
                ["SERATIO_Relayers__Targets__0__Confirmations"] = "1",
                ["SERATIO_Relayers__Targets__0__PollIntervalMs"] = "200",
                ["SERATIO_Relayers__Targets__0__MaxBackoffMs"] = "1000",
            };
            var keystore = Path.Combine(root, "keystore");
            Directory.CreateDirectory(keystore);
            await using var devnet = await DevnetProcess.StartAsync(Path.Combine(root, "devnet"), api, keystore, DevnetFixture.StartTimeout, ["--validators", "1"], environment);
            using var source = new NodeCheckpointSource($"http://127.0.0.1:{api}");

            // No contract yet: the relayer only logs and retries; the chain goes on. Deploy it with the genesis set.
            var first = await WaitForAsync(async () => (await source.ReadyAboveAsync("eth", 0, CancellationToken.None)).FirstOrDefault(), "a ready checkpoint", devnet);
            var record = first.ToCall().Checkpoint;
            using var channel = Grpc.Net.Client.GrpcChannel.ForAddress($"http://127.0.0.1:{api}");
            var full = (await new Seratio.Protocol.NodeApi.NodeApiClient(channel).GetCheckpointAsync(new Seratio.Protocol.GetCheckpointRequest { CheckpointHeight = first.Height })).Checkpoint;
            var set = AnchorSet.Create(full.AnchorSet.Members.Select(m => ("0x" + Convert.ToHexStringLower(m.AnchorAddress.Span), m.Power)));
            var artifacts = AnchorArtifacts.Load(Path.Combine(contracts, "out"));
            var contract = await AnchorContract.DeployAsync(anvil.Web3For(AnvilNode.FundedTestKey), artifacts, record.SeratioChainId, set);
            Assert.Equal(DevnetContract, contract.Address, ignoreCase: true);

            var metricsUrl = $"http://127.0.0.1:{api + 200}/metrics";
            var text = await WaitForAsync(async () =>
            {
                var body = await http.GetStringAsync(metricsUrl);
                return Value(body, "seratio_relayer_anchored_height", "target=\"eth\"") > 0
                    && Value(body, "seratio_relayer_outbox_entries", "state=\"Confirmed\"") >= 1 ? body : null;
            }, "the hosted relayer's anchoring in the node's metrics", devnet);

            ulong anchored = await contract.LastHeightAsync();
            Assert.True(anchored >= first.Height, $"the contract holds {anchored}");
            Assert.True(Value(text, "seratio_relayer_anchored_height", "target=\"eth\"") <= anchored);
            Assert.True(Value(text, "seratio_relayer_gas_used_total", "target=\"eth\"") > 50_000, text); // submitCheckpoint costs ≈ 100k
            Assert.True(Value(text, "seratio_relayer_gas_spent_wei_total", "target=\"eth\"") > 0, text);
            Assert.True(Value(text, "seratio_relayer_submissions_total", "target=\"eth\"") >= 1, text);
            Assert.True(Value(text, "seratio_relayer_rounds_failed_total", "target=\"eth\"") >= 1, text); // the rounds before the contract existed
            Assert.Matches(new Regex("seratio_relayer_lag_heights\\{target=\"eth\"\\} \\d+"), text);
            Assert.True(Value(text, "seratio_chain_height", "") > 0, text); // the node's own metrics beside them
            // The account that paid is the encrypted key's, and the outbox lives in the validator's home.
            var balance = await RpcAsync(http, anvil, "eth_getBalance", key.Address, "latest");
            Assert.NotEqual("0x56bc75e2d63100000", balance.GetString());
            Assert.True(File.Exists(Path.Combine(root, "devnet", "validator-0", "data", "relayer-eth.outbox.json")), devnet.Output);
            Assert.False(devnet.HasExited, devnet.Output);
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [Theory]
    [InlineData("Relayers:Targets:0:Confirmations", "-5", "Relayers:Targets:0:Confirmations -5")]
    [InlineData("Relayers:Targets:0:RpcUrl", "not a url", "Relayers:Targets:0:RpcUrl 'not a url' is not an http(s) URL")]
    [InlineData("Relayers:Targets:0:Contract", "0x1234", "Relayers:Targets:0:Contract '0x1234' is not an address")]
    [InlineData("Relayers:Targets:0:BumpAfterBlocks", "0", "Relayers:Targets:0:BumpAfterBlocks 0 is outside 1–10000")]
    [InlineData("Relayers:Targets:0:KeyPassphraseFile", "wrong.passphrase", "Relayers:Targets:0:KeyFile: wrong passphrase")]
    [InlineData("Relayers:Targets:0:KeyPassphraseFile", "", "give Relayers:Targets:0:KeyPassphraseFile a file")]
    public async Task ABadHostedRelayerSetting_RefusesTheNodeStart_WithExitCode1_NamingTheSetting(string setting, string value, string expected)
    {
        var home = Directory.CreateTempSubdirectory("seratio-badrelayer-").FullName;
        try
        {
            RelayerKeyFile.CreateEncrypted(Path.Combine(home, "relayer.keystore.json"), "right");
            OwnerOnlyFiles.WriteNewText(Path.Combine(home, "right.passphrase"), "right\n");
            OwnerOnlyFiles.WriteNewText(Path.Combine(home, "wrong.passphrase"), "wrong\n");
            var settings = new Dictionary<string, string>
            {
                ["Relayers:Targets:0:Target"] = "eth",
                ["Relayers:Targets:0:RpcUrl"] = "http://127.0.0.1:9",
                ["Relayers:Targets:0:Contract"] = DevnetContract,
                ["Relayers:Targets:0:KeyFile"] = "relayer.keystore.json",
                ["Relayers:Targets:0:KeyPassphraseFile"] = "right.passphrase",
                [setting] = value,
            };
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => NodeProcess.StartInAsync(home, settings));
            Assert.Contains("exited with code 1", refused.Message, StringComparison.Ordinal);
            Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            try { Directory.Delete(home, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The value of the sample of <paramref name="name"/> whose labels contain <paramref name="label"/>; -1 when none.</summary>
    private static double Value(string metrics, string name, string label)
    {
        foreach (var line in metrics.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length <= name.Length || (line[name.Length] != '{' && line[name.Length] != ' ')) continue;
            if (label.Length > 0 && !line.Contains(label, StringComparison.Ordinal)) continue;
            return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }
        return -1;
    }

    private static async Task<System.Text.Json.JsonElement> RpcAsync(HttpClient http, AnvilNode node, string method, params object[] parameters)
    {
        using var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, node.RpcUrl, new { jsonrpc = "2.0", id = 1, method, @params = parameters });
        var body = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content);
        if (body.TryGetProperty("error", out var error)) throw new InvalidOperationException($"{method} failed: {error}");
        return body.GetProperty("result").Clone();
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what, DevnetProcess devnet) where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                if (await probe() is { } value) return value;
            }
            catch (Exception e) when (e is HttpRequestException or Grpc.Core.RpcException && DateTime.UtcNow < deadline)
            {
                // not serving yet
            }
            if (devnet.HasExited) throw new InvalidOperationException($"the devnet exited while waiting for {what}:\n{devnet.Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no {what} within {Patience.TotalSeconds} s; devnet output:\n{devnet.Output}");
            await Task.Delay(200);
        }
    }

    private static string ReferenceRoot() => Architecture.ReferenceDirectionTests.RepositoryRoot();
}
