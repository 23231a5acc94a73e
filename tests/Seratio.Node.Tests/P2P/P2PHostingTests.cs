using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Seratio.Node.Chain;
using Seratio.Node.Hosting;
using Seratio.Node.P2P;
using Seratio.Node.Tests.Mempool;

namespace Seratio.Node.Tests.P2P;

public sealed class P2PHostingTests : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("seratio-p2p-hosting-");

    public P2PHostingTests() => Directory.CreateDirectory(Path.Combine(_home.FullName, "config"));

    public void Dispose() => _home.Delete(recursive: true);

    private WebApplication Build(string nodeJson)
    {
        File.WriteAllText(Path.Combine(_home.FullName, "config", "node.json"), nodeJson);
        return NodeHost.Build(_home.FullName, [], (services, _, _) => services.AddSingleton<IChainReader>(new FakeChain()));
    }

    [Fact]
    public void WithoutAP2PSection_NoPeerNetworkIsRegistered()
    {
        var app = Build("""{ "Api": { "Listen": "127.0.0.1:0" } }""");
        Assert.Null(app.Services.GetService<IPeerNetwork>());
    }

    [Fact]
    public void P2PListen_OnTheApiPort_IsRefusedNamingTheSetting()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Build("""{ "Api": { "Listen": "127.0.0.1:9191" }, "P2P": { "Listen": "127.0.0.1:9191" } }"""));
        Assert.Contains("P2P:Listen", ex.Message);
    }

    [Fact]
    public void BadPeerAddress_IsRefusedNamingTheSetting()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Build("""{ "Api": { "Listen": "127.0.0.1:0" }, "P2P": { "Listen": "127.0.0.1:0", "Peers": [ "10.0.0.3" ] } }"""));
        Assert.Contains("P2P:Peers:0", ex.Message);
    }

    [Fact]
    public async Task NonValidatorWithoutNodeKey_RefusesToStart_SayingWhichFileIsMissing()
    {
        await using var app = Build("""{ "Api": { "Listen": "127.0.0.1:0" }, "P2P": { "Listen": "127.0.0.1:0" } }""");
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());
        Assert.Contains("node.devnet-unsafe.key", ex.Message);
        Assert.Contains("P2P:NodeKeyFile", ex.Message);
    }
}
