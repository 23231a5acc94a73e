using Seratio.Core.Chain;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Node.Consensus;
using Xunit.Abstractions;

namespace Seratio.IntegrationTests.Consensus;

/// <summary><c>seratio testnet init</c> writes homes that start as a network and commit blocks.</summary>
public sealed class TestnetInitTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("seratio-testnet-it-");

    [Fact]
    public async Task TestnetInit_WithEncryptedKeys_WritesFourHomesThatCommitTogether()
    {
        var outDir = Path.Combine(_root.FullName, "net");
        // testnet init gives validator i the API port + i and the P2P port + i: all eight are reserved.
        int api = TestPorts.Block(0, 1, 2, 3), p2p = TestPorts.Block(0, 1, 2, 3);
        var cli = new CliRunner(Path.Combine(_root.FullName, "keystore"));
        var run = await cli.RunAsync("testnet", "init", "--validators", "4", "--out", outDir, "--api-port", $"{api}", "--p2p-port", $"{p2p}");
        Assert.True(run.ExitCode == 0, run.ToString());

        var genesis = Genesis.Load(Path.Combine(outDir, "genesis.json"));
        Assert.Equal(4, genesis.Validators.Count);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(outDir, "peers.txt")).Length);
        for (int i = 0; i < 4; i++)
        {
            var home = Path.Combine(outDir, $"validator-{i}");
            Assert.Equal(genesis.Hash(), Genesis.Load(Path.Combine(home, "config", "genesis.json")).Hash());
            Assert.DoesNotContain("seed", File.ReadAllText(Path.Combine(home, "keys", "validator.key")), StringComparison.Ordinal);
            using var key = ValidatorKey.Load(Path.Combine(home, "keys", "validator.key"), Path.Combine(home, "secrets", "validator.passphrase"));
            Assert.Equal(genesis.Validators[i].PublicKey, key.Key.PublicKey.ToString());
        }

        var nodes = Enumerable.Range(0, 4).Select(i => new ValidatorProcess($"validator-{i}", Path.Combine(outDir, $"validator-{i}"), api + i, p2p + i)).ToList();
        try
        {
            foreach (var node in nodes) node.Start();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                var heights = new List<ulong>();
                foreach (var node in nodes) heights.Add((await node.TryStatusAsync())?.LatestHeight ?? 0);
                if (heights.All(h => h >= 2)) break;
                Assert.True(DateTime.UtcNow < deadline, $"heights {string.Join(", ", heights)} did not reach 2");
                await Task.Delay(250);
            }
        }
        catch
        {
            output.WriteLine(ValidatorNetwork.Logs(nodes));
            throw;
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    public void Dispose()
    {
        try { _root.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
