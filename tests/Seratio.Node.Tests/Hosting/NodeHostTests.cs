using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Seratio.Node.Chain;
using Seratio.Node.Hosting;
using Seratio.Node.Mempool;
using Seratio.Node.Tests.Mempool;
using Seratio.Protocol;

namespace Seratio.Node.Tests.Hosting;

public sealed class NodeHostTests : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("seratio-node-test-");
    private readonly FakeChain _chain = new();

    public NodeHostTests()
    {
        Directory.CreateDirectory(Path.Combine(_home.FullName, "config"));
        _chain.Fund(TestTx.Key("alice"), 1_000_000);
    }

    public void Dispose() => _home.Delete(recursive: true);

    private WebApplication Build(string nodeJson, params string[] overrides)
    {
        File.WriteAllText(Path.Combine(_home.FullName, "config", "node.json"), nodeJson);
        return NodeHost.Build(_home.FullName, overrides, (services, _, _) => services.AddSingleton<IChainReader>(_chain));
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    [Fact]
    public void Build_LayersNodeJsonThenEnvironmentThenOverrides()
    {
        // Only this test reads these two settings, so the process-wide variables do not leak into others.
        Environment.SetEnvironmentVariable("SERATIO_Mempool__VerifiedCacheSize", "1234");
        Environment.SetEnvironmentVariable("SERATIO_Mempool__NonceWindow", "9");
        WebApplication app;
        try
        {
            app = Build("""{ "Mempool": { "MaxTxs": 5, "MaxPerAccount": 3, "VerifiedCacheSize": 99 } }""", "--Mempool:MaxTxs=7", "--Mempool:NonceWindow=11");
        }
        finally
        {
            Environment.SetEnvironmentVariable("SERATIO_Mempool__VerifiedCacheSize", null);
            Environment.SetEnvironmentVariable("SERATIO_Mempool__NonceWindow", null);
        }
        var options = app.Services.GetRequiredService<IOptions<MempoolOptions>>().Value;
        Assert.Equal(7, options.MaxTxs);
        Assert.Equal(3, options.MaxPerAccount);
        Assert.Equal(1234, options.VerifiedCacheSize);
        Assert.Equal(11, options.NonceWindow);
        Assert.Same(app.Services.GetRequiredService<TxPool>(), app.Services.GetRequiredService<ITxPool>());
    }

    [Fact]
    public void Build_WithBadListenAddress_FailsNamingTheSetting()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Build("{}", "--Api:Listen=nowhere"));
        Assert.Contains("Api:Listen", ex.Message);
    }

    [Fact]
    public async Task Start_WithInvalidMempoolOptions_FailsNamingTheSetting()
    {
        await using var app = Build("{}", "--Api:Listen=127.0.0.1:0", "--Mempool:NonceWindow=0");
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Mempool:NonceWindow", ex.Message);
    }

    [Fact]
    public void Build_MissingHome_SaysSo()
    {
        var ex = Assert.Throws<DirectoryNotFoundException>(() => NodeHost.Build(Path.Combine(_home.FullName, "absent"), [], (_, _, _) => { }));
        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public async Task RunningNode_ServesApiOverH2c_WithReflectionLimitsAndChainFollowing()
    {
        await using var app = Build("""{ "Api": { "Listen": "127.0.0.1:0", "MaxReceiveMessageBytes": 4096 } }""");
        await app.StartAsync();
        try
        {
            using var channel = GrpcChannel.ForAddress(Address(app));
            var client = new NodeApi.NodeApiClient(channel);

            var status = await client.GetStatusAsync(new GetStatusRequest());
            Assert.Equal(FakeChain.TestChainId, status.ChainId);

            var reflection = new ServerReflection.ServerReflectionClient(channel);
            using var call = reflection.ServerReflectionInfo();
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
            await call.RequestStream.CompleteAsync();
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Contains("seratio.v1.NodeApi", call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name));

            var huge = new SubmitTxRequest { Tx = ByteString.CopyFrom(new byte[8192]) };
            var tooBig = await Assert.ThrowsAsync<RpcException>(async () => await client.SubmitTxAsync(huge));
            Assert.Equal(StatusCode.ResourceExhausted, tooBig.StatusCode);

            var refused = await Assert.ThrowsAsync<RpcException>(async () =>
                await client.SubmitTxAsync(new SubmitTxRequest { Tx = TestTx.From("alice").Nonce(999).ByteString() }));
            Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
            Assert.Equal("NonceGap", refused.Trailers.GetValue("seratio-outcome"));

            await client.SubmitTxAsync(new SubmitTxRequest { Tx = TestTx.From("alice").ByteString() });
            var pool = app.Services.GetRequiredService<TxPool>();
            Assert.Equal(1, pool.Count);
            await WaitFor(() => _chain.SubscriberCount >= 1); // the mempool follower
            _chain.Commit(pool.Reap(10, int.MaxValue));
            await WaitFor(() => pool.Count == 0);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (int i = 0; i < 2_000 && !condition(); i++) await Task.Delay(5);
        Assert.True(condition(), "condition not reached within 10 s");
    }
}
