using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Seratio.Core.Chain;
using Seratio.Core.Keys;
using Seratio.Node.Hosting;
using Seratio.Node.P2P;

namespace Seratio.Node.Tests.P2P;

/// <summary>Two validators as the real host builds them (RocksDB, validator key files, genesis on disk).</summary>
public sealed class ValidatorNodesTests : IAsyncLifetime
{
    private readonly List<DirectoryInfo> _homes = [];
    private readonly List<WebApplication> _apps = [];

    [Fact]
    public async Task Validators_ProveTheirValidatorKeys_AndConnect()
    {
        var genesis = new Genesis { ChainId = "seratio-p2p-it", Validators = TestPeers.Validators }.ToJson();
        int portB = TestPorts.Free();
        var b = await Start("b", genesis, portB, []);
        var a = await Start("a", genesis, TestPorts.Free(), [TestNode.Dial("b", portB)]);

        var networkA = a.Services.GetRequiredService<IPeerNetwork>();
        var networkB = b.Services.GetRequiredService<IPeerNetwork>();
        Assert.Equal(TestPeers.Id("a"), networkA.Self); // the validator key, no node key file needed
        await Eventually.True(() => networkA.Peers.Count == 1 && networkB.Peers.Count == 1);
        Assert.True(networkB.Peers.Single().IsValidator);
        Assert.Equal(TestPeers.Id("a"), networkB.Peers.Single().Id);
    }

    private async Task<WebApplication> Start(string name, string genesis, int p2pPort, string[] peers)
    {
        var home = Directory.CreateTempSubdirectory("seratio-p2p-validator-");
        _homes.Add(home);
        Directory.CreateDirectory(Path.Combine(home.FullName, "config"));
        Directory.CreateDirectory(Path.Combine(home.FullName, "keys"));
        File.WriteAllText(Path.Combine(home.FullName, "config", "genesis.json"), genesis);
        UnsafeKeyFile.Write(Path.Combine(home.FullName, "keys", "validator.devnet-unsafe.key"), TestPeers.Key(name));
        var config = new
        {
            Api = new { Listen = "127.0.0.1:0" },
            P2P = new { Listen = $"127.0.0.1:{p2pPort}", Peers = peers, ReconnectInitialMs = 50 },
            Consensus = new { EmptyBlockIntervalMs = 3_600_000 },
        };
        File.WriteAllText(Path.Combine(home.FullName, "config", "node.json"), JsonSerializer.Serialize(config));
        var app = NodeHost.Build(home.FullName);
        _apps.Add(app);
        await app.StartAsync();
        return app;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        foreach (var home in _homes) home.Delete(recursive: true);
    }
}
