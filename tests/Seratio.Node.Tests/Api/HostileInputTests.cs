using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Seratio.Core.Text;
using Seratio.Node.Api;
using Seratio.Node.Chain;
using Seratio.Node.Hosting;
using Seratio.Node.Tests.Mempool;
using Seratio.Node.Tests.P2P;
using Seratio.Protocol;

namespace Seratio.Node.Tests.Api;

/// <summary>
/// Issue 9, item 5, against a whole API host on loopback: what a client sends never reaches a status or
/// a log line unbounded or with control characters, undecodable requests get InvalidArgument without a
/// stack trace, and the node goes on answering.
/// </summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("seratio-hostile-test-");
    private readonly LogCapture _logs = new();
    private WebApplication _app = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_home.FullName, "config"));
        // The defaults a node runs with (Information), so that gRPC's own per-call logging would show.
        File.WriteAllText(Path.Combine(_home.FullName, "config", "node.json"), """{ "Api": { "Listen": "127.0.0.1:0" } }""");
        _app = NodeHost.Build(_home.FullName, [], (services, _, _) =>
        {
            services.AddSingleton<IChainReader>(new FakeChain());
            services.AddSingleton<ILoggerProvider>(_logs);
        });
        await _app.StartAsync();
        _channel = GrpcChannel.ForAddress(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single(),
            new GrpcChannelOptions { MaxSendMessageSize = null });
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _home.Delete(recursive: true);
    }

    private NodeApi.NodeApiClient Client => new(_channel);

    [Fact]
    public async Task JunkBytes_ToEveryNodeApiMethod_AreInvalidArgument_NamingTheRequestType_WithoutAStackTrace()
    {
        byte[] junk = [0xff, 0xff, 0xff, 0xff, 0x0f]; // a tag with wire type 7, which protobuf does not have
        var raw = Marshallers.Create<byte[]>(b => b, b => b);
        var invoker = _channel.CreateCallInvoker();
        var methods = NodeApi.Descriptor.Methods;
        foreach (var descriptor in methods)
        {
            var type = descriptor.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary;
            var method = new Method<byte[], byte[]>(type, NodeApi.Descriptor.FullName, descriptor.Name, raw, raw);
            var error = await Assert.ThrowsAsync<RpcException>(async () =>
            {
                if (type == MethodType.Unary)
                {
                    await invoker.AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)), junk);
                    return;
                }
                using var call = invoker.AsyncServerStreamingCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)), junk);
                while (await call.ResponseStream.MoveNext(CancellationToken.None)) { }
            });
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.StartsWith($"request is not a valid {descriptor.InputType.FullName} message", error.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(methods.Count, _app.Services.GetRequiredService<UndecodableRequestLog>().Total);
        // One warning for the burst (one per 10 s at most: two if this machine took over 10 s), and nothing of gRPC's Unknown/Error path.
        Assert.InRange(_logs.Events.Count(e => e.EventId == 1290), 1, 2);
        Assert.DoesNotContain(_logs.Events, e => e.Level >= LogLevel.Error);
        Assert.DoesNotContain(_logs.Events, e => e.Message.Contains("Exception was thrown by handler", StringComparison.Ordinal));
        Assert.Equal(FakeChain.TestChainId, (await Client.GetStatusAsync(new GetStatusRequest())).ChainId);
    }

    [Fact]
    public async Task PageTokenOf900KB_IsEchoedClipped()
    {
        var token = string.Concat(Enumerable.Repeat("9x\n", 300_000));
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.ListEntitiesAsync(new ListEntitiesRequest
        {
            Controller = TestTx.Key("alice").Address.ToString(),
            PageToken = token,
        }));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("page_token", error.Status.Detail, StringComparison.Ordinal);
        AssertBounded(error.Status.Detail, 400);
        AssertLogsBounded();
    }

    [Fact]
    public async Task AddressOfAMegabyte_IsEchoedClipped()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.GetAccountAsync(new GetAccountRequest { Address = new string('q', 1_000_000) + "\r\nforged" }));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        AssertBounded(error.Status.Detail, 400);
        AssertLogsBounded();
    }

    [Fact]
    public async Task ControlCharactersInAnEchoedField_AreEscapedInTheStatus()
    {
        // The method id rule echoes the whole (short) id and the character it refuses; the interceptor escapes both.
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.GetMethodAsync(new GetMethodRequest { Id = "m\u001b[2Jx\nINFO forged" }));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        AssertBounded(error.Status.Detail, ApiErrors.MaxDetailChars);
        Assert.Contains("\\u001B", error.Status.Detail, StringComparison.Ordinal);
        AssertLogsBounded();
    }

    private static void AssertBounded(string detail, int bound)
    {
        Assert.True(detail.Length <= bound, $"status detail of {detail.Length} characters");
        Assert.True(SafeText.IsClean(detail), detail);
    }

    private void AssertLogsBounded() =>
        Assert.All(_logs.Events, e =>
        {
            Assert.True(e.Message.Length <= 2 * ApiErrors.MaxDetailChars, $"log message of {e.Message.Length} characters");
            Assert.True(SafeText.IsClean(e.Message), e.Message);
        });
}
