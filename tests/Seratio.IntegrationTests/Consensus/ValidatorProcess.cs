using System.Diagnostics;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Consensus;

/// <summary>
/// A real seratio-node process of a multi-validator network on loopback, with its own home (written
/// by <see cref="ValidatorNetwork"/>). Kill() is SIGKILL; Start() restarts on the same home and ports.
/// </summary>
public sealed class ValidatorProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;
    private GrpcChannel? _channel;

    public ValidatorProcess(string name, string home, int apiPort, int p2pPort)
    {
        Name = name;
        Home = home;
        ApiPort = apiPort;
        P2PPort = p2pPort;
    }

    public string Name { get; }
    public string Home { get; }
    public int ApiPort { get; }
    public int P2PPort { get; }
    public NodeApi.NodeApiClient Client { get; private set; } = null!;
    public string Output { get { lock (_output) return _output.ToString(); } }
    public bool IsRunning => _process is { HasExited: false };
    /// <summary>The running node's process id (e.g. for a tool that kills it).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException($"{Name} was never started");

    public void Start()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "seratio-node.dll"));
        info.ArgumentList.Add("--home");
        info.ArgumentList.Add(Home);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start seratio-node");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        _channel?.Dispose();
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{ApiPort}");
        Client = new NodeApi.NodeApiClient(_channel);
    }

    /// <summary>The node's status, or null while it does not answer.</summary>
    public async Task<NodeStatus?> TryStatusAsync()
    {
        if (!IsRunning) return null;
        try { return await Client.GetStatusAsync(new GetStatusRequest(), deadline: DateTime.UtcNow.AddSeconds(2)); }
        catch (RpcException) { return null; }
    }

    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _channel?.Dispose();
        _process?.Dispose();
        await Task.Yield();
    }
}
