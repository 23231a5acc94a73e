using System.Diagnostics;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Consensus;

/// <summary>
/// A real seratio-node process of a multi-validator network on loopback, with its own home (written
/// by <see cref="ValidatorNetwork"/>). Kill() is SIGKILL; Start() restarts on the same home and ports;
/// Pause() is SIGSTOP and Resume() SIGCONT. A paused process counts as not running (it cannot answer), and
/// dispose resumes it before killing it, so no test leaves a frozen process behind.
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
    public bool IsRunning => _process is { HasExited: false } && !IsPaused;

    /// <summary>Whether the process is stopped by <see cref="Pause"/> (SIGSTOP) and not yet resumed.</summary>
    public bool IsPaused { get; private set; }

    /// <summary>The running node's process id (e.g. for a tool that kills it).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException($"{Name} was never started");

    /// <summary>Settings ("Section:Key" → value) given to every (re)start as SERATIO_ environment variables, over node.json.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public void Start()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "seratio-node.dll"));
        info.ArgumentList.Add("--home");
        info.ArgumentList.Add(Home);
        foreach (var (key, value) in Settings) info.Environment["SERATIO_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start seratio-node");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        IsPaused = false;
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
        Resume();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>SIGSTOP: the process freezes (no thread runs, sockets stay open) until <see cref="Resume"/>.</summary>
    public void Pause()
    {
        if (_process is not { HasExited: false }) throw new InvalidOperationException($"{Name} is not running");
        Signal("-STOP");
        IsPaused = true;
    }

    /// <summary>SIGCONT, when paused; nothing otherwise.</summary>
    public void Resume()
    {
        if (!IsPaused) return;
        if (_process is { HasExited: false }) Signal("-CONT");
        IsPaused = false;
    }

    private void Signal(string signal)
    {
        var info = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add(signal);
        info.ArgumentList.Add(_process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var kill = Process.Start(info) ?? throw new InvalidOperationException("could not start kill");
        string error = kill.StandardError.ReadToEnd();
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill {signal} {_process.Id} failed ({kill.ExitCode}): {error}");
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _channel?.Dispose();
        _process?.Dispose();
        await Task.Yield();
    }
}
