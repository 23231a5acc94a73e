using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Seratio.Core.Chain;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Infrastructure;

/// <summary>
/// A real seratio-node process on loopback with its own home folder (RocksDB included), driven
/// over its real gRPC API. Kill() is SIGKILL: nothing in the node gets to clean up.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;
    private GrpcChannel? _channel;

    private NodeProcess(string home, int apiPort)
    {
        Home = home;
        ApiPort = apiPort;
    }

    public string Home { get; }
    public int ApiPort { get; }
    public string ApiUrl => $"{(ApiTrust is null ? "http" : "https")}://127.0.0.1:{ApiPort}";

    /// <summary>
    /// Set when the node serves its API over HTTPS (Api:TlsCertificateFile in <see cref="Settings"/>): the certificate
    /// the test's own client trusts (and nothing else); <see cref="ApiUrl"/> is then https.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? ApiTrust { get; set; }
    public NodeApi.NodeApiClient Client { get; private set; } = null!;
    public string Output { get { lock (_output) return _output.ToString(); } }
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The process id while it runs; null otherwise.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>The exit code of the last run once it exited; null while it runs or before it started.</summary>
    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>Settings ("Section:Key" → value) given to every (re)start as SERATIO_ environment variables, over node.json.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>Creates a home folder for the test chain's validator and starts the node.</summary>
    public static async Task<NodeProcess> StartAsync(Genesis? genesis = null, int blockIntervalMs = 100, int emptyBlockIntervalMs = 2_000,
        IReadOnlyDictionary<string, string>? settings = null, System.Security.Cryptography.X509Certificates.X509Certificate2? trust = null)
    {
        var home = Directory.CreateTempSubdirectory("seratio-it-").FullName;
        var node = new NodeProcess(home, TestPorts.Free()) { ApiTrust = trust };
        WriteHome(home, genesis ?? TestNetwork.Genesis(), node.ApiPort, blockIntervalMs, emptyBlockIntervalMs);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) node.Settings[key] = value;
        await node.StartAsync();
        return node;
    }

    /// <summary>
    /// Writes the test chain's home into <paramref name="home"/>, an existing folder (files of the test's own may sit beside,
    /// e.g. keys a setting names relative to the home), and starts the node there with <paramref name="settings"/>.
    /// </summary>
    public static async Task<NodeProcess> StartInAsync(string home, IReadOnlyDictionary<string, string> settings, int? apiPort = null)
    {
        var node = new NodeProcess(home, apiPort ?? TestPorts.Free());
        WriteHome(home, TestNetwork.Genesis(), node.ApiPort, 100, 2_000);
        foreach (var (key, value) in settings) node.Settings[key] = value;
        await node.StartAsync();
        return node;
    }

    public static void WriteHome(string home, Genesis genesis, int apiPort, int blockIntervalMs, int emptyBlockIntervalMs)
    {
        Directory.CreateDirectory(Path.Combine(home, "config"));
        Directory.CreateDirectory(Path.Combine(home, "keys"));
        File.WriteAllText(Path.Combine(home, "config", "genesis.json"), genesis.ToJson());
        var config = new
        {
            Api = new { Listen = $"127.0.0.1:{apiPort}" },
            // One validator, no peers: the consensus driver decides each height alone; blockIntervalMs is its commit wait.
            Consensus = new { CommitWaitMs = blockIntervalMs, EmptyBlockIntervalMs = emptyBlockIntervalMs },
            Logging = new { LogLevel = new { Default = "Information", Microsoft = "Warning" } },
        };
        File.WriteAllText(Path.Combine(home, "config", "node.json"), JsonSerializer.Serialize(config));
        using var validator = TestNetwork.Validator;
        File.WriteAllText(Path.Combine(home, "keys", "validator.devnet-unsafe.key"),
            JsonSerializer.Serialize(new { seed = Convert.ToHexStringLower(validator.ExportSeed()) }));
    }

    /// <summary>(Re)starts the process on the same home and waits until its API answers.</summary>
    public async Task StartAsync()
    {
        var nodeDll = Path.Combine(AppContext.BaseDirectory, "seratio-node.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(nodeDll);
        info.ArgumentList.Add("--home");
        info.ArgumentList.Add(Home);
        foreach (var (key, value) in Settings) info.Environment["SERATIO_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start seratio-node");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        _channel?.Dispose();
        _channel = GrpcChannel.ForAddress(ApiUrl, new GrpcChannelOptions { MaxSendMessageSize = 16 * 1024 * 1024, HttpHandler = ApiHandler(ApiTrust) });
        Client = new NodeApi.NodeApiClient(_channel);
        await WaitUntilServingAsync(TimeSpan.FromSeconds(60));
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process!.HasExited)
            {
                _process.WaitForExit(); // until the output readers reached the end: the message carries the node's last words
                throw new InvalidOperationException($"seratio-node exited with code {_process.ExitCode}:\n{Output}");
            }
            try
            {
                await Client.GetStatusAsync(new GetStatusRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                return;
            }
            catch (RpcException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (RpcException e)
            {
                throw new TimeoutException($"seratio-node did not serve within {timeout}: {e.Status}\n{Output}");
            }
        }
    }

    /// <summary>An HTTP handler that trusts only <paramref name="trust"/> as root for https (the system's roots when null).</summary>
    public static SocketsHttpHandler ApiHandler(System.Security.Cryptography.X509Certificates.X509Certificate2? trust)
    {
        var handler = new SocketsHttpHandler();
        if (trust is null) return handler;
        var policy = new System.Security.Cryptography.X509Certificates.X509ChainPolicy
        {
            TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust,
            RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(trust);
        handler.SslOptions = new System.Net.Security.SslClientAuthenticationOptions { CertificateChainPolicy = policy };
        return handler;
    }

    /// <summary>SIGKILL: the process dies at once, wherever it is.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>SIGTERM and wait: a clean shutdown.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false }) return;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) term.WaitForExit();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { Kill(); }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _channel?.Dispose();
        _process?.Dispose();
        await Task.Yield();
        try { Directory.Delete(Home, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
