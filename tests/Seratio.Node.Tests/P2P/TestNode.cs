using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Keys;
using Seratio.Node.Chain;
using Seratio.Node.Hosting;
using Seratio.Node.Mempool;
using Seratio.Node.P2P;
using Seratio.Node.Tests.Mempool;
using Seratio.Protocol;

namespace Seratio.Node.Tests.P2P;

/// <summary>
/// A whole node (NodeHost, real Kestrel on loopback) over an in-memory chain whose genesis names
/// validators "a" and "b"; its P2P identity is the node key file of <c>name</c>. Restartable on
/// the same home and P2P port.
/// </summary>
internal sealed class TestNode : IAsyncDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("seratio-p2p-test-");
    private readonly string _name;
    private readonly P2PChain _chain;
    private WebApplication? _app;

    private TestNode(string name, int p2pPort, Hash32? genesisHash)
    {
        _name = name;
        P2PPort = p2pPort;
        var fake = new FakeChain();
        fake.Fund(TestTx.Key("alice"), 1_000_000);
        _chain = new P2PChain(fake, genesisHash ?? TestPeers.GenesisHash);
    }

    public int P2PPort { get; }
    public LogCapture Logs { get; } = new();
    public WebApplication App => _app ?? throw new InvalidOperationException("not started");
    public IPeerNetwork Network => App.Services.GetRequiredService<IPeerNetwork>();
    public TxPool Pool => App.Services.GetRequiredService<TxPool>();
    /// <summary>Whether this node's P2P port speaks TLS (the default; P2P:Transport=cleartext in the settings turns it off).</summary>
    public bool Tls { get; private set; } = true;
    public Uri P2PUri => new($"{(Tls ? "https" : "http")}://127.0.0.1:{P2PPort}");
    public Uri ApiUri => new(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
        .Single(a => !a.EndsWith($":{P2PPort}", StringComparison.Ordinal)));

    public static async Task<TestNode> StartAsync(string name, int p2pPort, IEnumerable<string> peers, Hash32? genesisHash = null,
        IReadOnlyDictionary<string, object>? p2pSettings = null)
    {
        var node = new TestNode(name, p2pPort, genesisHash);
        node.Configure(peers, p2pSettings);
        await node.StartAsync();
        return node;
    }

    public static string Dial(TestNode node, bool withKey = true) =>
        withKey ? $"{TestPeers.Hex(node._name)}@127.0.0.1:{node.P2PPort}" : $"127.0.0.1:{node.P2PPort}";

    /// <summary>
    /// A channel to a test node's port as a peer would open it: over https with <paramref name="certificate"/> recording the
    /// listener's certificate (pass it to <c>ClientFrameStream</c>), or h2c for an http URI (the API port, a cleartext P2P port).
    /// </summary>
    public static Grpc.Net.Client.GrpcChannel Channel(Uri uri, Seratio.Node.P2P.Transport.ServerCertificateRecorder? certificate = null)
    {
        bool tls = uri.Scheme == Uri.UriSchemeHttps;
        return Seratio.Node.P2P.Transport.PeerChannels.Open(new PeerAddress(uri.Host, uri.Port, null),
            new P2POptions { Transport = tls ? P2POptions.TransportTls : P2POptions.TransportCleartext },
            tls ? certificate ?? new Seratio.Node.P2P.Transport.ServerCertificateRecorder() : null);
    }

    public static string Dial(string name, int port) => $"{TestPeers.Hex(name)}@127.0.0.1:{port}";

    private void Configure(IEnumerable<string> peers, IReadOnlyDictionary<string, object>? p2pSettings)
    {
        Directory.CreateDirectory(Path.Combine(_home.FullName, "config"));
        Directory.CreateDirectory(Path.Combine(_home.FullName, "keys"));
        UnsafeKeyFile.Write(Path.Combine(_home.FullName, "keys", "node.devnet-unsafe.key"), TestPeers.Key(_name));
        var config = new
        {
            Api = new { Listen = "127.0.0.1:0" },
            P2P = new Dictionary<string, object>
            {
                ["Listen"] = $"127.0.0.1:{P2PPort}",
                ["Peers"] = peers.ToArray(),
                ["AllowedPeers"] = new[] { TestPeers.Hex("c") },
                ["ReconnectInitialMs"] = 50,
                ["ReconnectMaxMs"] = 400,
            },
            Logging = new { LogLevel = new { Default = "Warning", Seratio = "Debug" } },
        };
        foreach (var (key, value) in p2pSettings ?? new Dictionary<string, object>()) config.P2P[key] = value;
        Tls = !(config.P2P.TryGetValue("Transport", out var transport) && transport is string t && t == P2POptions.TransportCleartext);
        File.WriteAllText(Path.Combine(_home.FullName, "config", "node.json"), JsonSerializer.Serialize(config));
    }

    public async Task StartAsync()
    {
        _app = NodeHost.Build(_home.FullName, [], (services, _, _) =>
        {
            services.AddSingleton<IChainReader>(_chain);
            services.AddSingleton<ILoggerProvider>(Logs);
        });
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { _home.Delete(recursive: true); } catch (IOException) { }
    }

    /// <summary>The fake chain with this test's genesis (validators a and b) and genesis hash.</summary>
    private sealed class P2PChain(FakeChain inner, Hash32 genesisHash) : IChainReader
    {
        public string ChainId => inner.ChainId;
        public Hash32 GenesisHash { get; } = genesisHash;
        public Genesis Genesis { get; } = inner.Genesis with { Validators = TestPeers.Validators };
        public ChainHead Head => inner.Head;
        public BlockRecord? GetBlock(ulong height) => inner.GetBlock(height);
        public BlockRecord? GetBlock(Hash32 hash) => inner.GetBlock(hash);
        public TxRecord? GetTx(Hash32 hash) => inner.GetTx(hash);
        public byte[]? GetState(Hash32 key, ulong height) => inner.GetState(key, height);
        public Hash32? StateRootAt(ulong height) => inner.StateRootAt(height);
        public StateProof Prove(Hash32 key, ulong height) => inner.Prove(key, height);
        public System.Threading.Channels.ChannelReader<CommittedBlock> Subscribe(CancellationToken cancellationToken) => inner.Subscribe(cancellationToken);
    }
}

/// <summary>Collects log events (all categories) for assertions. Thread safe.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(int EventId, LogLevel Level, string Message)> Events { get; } = new();

    public bool Has(int eventId, string contains) => Events.Any(e => e.EventId == eventId && e.Message.Contains(contains, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    private sealed class Logger(LogCapture owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Events.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
    }
}
