using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Seratio.Bridges.Anvil;

/// <summary>
/// One anvil process on a free loopback port, imitating an <see cref="AnvilChain"/>. Started
/// by <see cref="StartAsync"/>, which returns once the node answers JSON-RPC; disposing kills
/// it. Thread safe: the process handle and its output buffer are guarded.
/// </summary>
public sealed class AnvilNode : IAsyncDisposable
{
    /// <summary>The private key of anvil's first pre-funded account (its well-known test mnemonic); a test key, never a real one.</summary>
    public const string FundedTestKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private const int OutputLinesKept = 50;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private AnvilNode(AnvilChain chain, int port, Process process)
    {
        Chain = chain;
        Port = port;
        _process = process;
    }

    /// <summary>Completes when the anvil process has exited (started by <see cref="StartAsync(AnvilChain, string, CancellationToken)"/> or its fixed-port variant).</summary>
    public Task Exited { get; private set; } = Task.CompletedTask;

    /// <summary>True once the anvil process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The chain this node imitates.</summary>
    public AnvilChain Chain { get; }

    /// <summary>The loopback port of its JSON-RPC endpoint.</summary>
    public int Port { get; }

    /// <summary>Its JSON-RPC endpoint.</summary>
    public string RpcUrl => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The operating-system id of the anvil process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The last lines anvil printed, for failure messages.</summary>
    public string RecentOutput
    {
        get { lock (_output) return string.Join('\n', _output); }
    }

    /// <summary>
    /// Starts anvil at <paramref name="anvilPath"/> on a free loopback port and waits until it
    /// answers <c>eth_chainId</c> with the chain's id.
    /// </summary>
    /// <exception cref="InvalidOperationException">anvil exited or did not answer in time; the message carries its output.</exception>
    public static async Task<AnvilNode> StartAsync(AnvilChain chain, string anvilPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(anvilPath);
        // A port picked free can be taken before anvil binds it: try a few.
        for (int attempt = 1; ; attempt++)
        {
            var node = Launch(chain, anvilPath, FreeLoopbackPort(), []);
            try
            {
                await node.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
                return node;
            }
            catch (InvalidOperationException) when (attempt < 3 && node._process.HasExited)
            {
                await node.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await node.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>
    /// Starts anvil at <paramref name="anvilPath"/> on the fixed loopback <paramref name="port"/> with
    /// <paramref name="extraArguments"/> after the chain's own (e.g. <c>--block-time 1</c>), and waits until it answers
    /// <c>eth_chainId</c> with the chain's id. One attempt: a taken port is the caller's to report.
    /// </summary>
    /// <exception cref="InvalidOperationException">anvil exited or did not answer in time; the message carries its output.</exception>
    public static async Task<AnvilNode> StartAsync(AnvilChain chain, string anvilPath, int port, IReadOnlyList<string> extraArguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(anvilPath);
        ArgumentNullException.ThrowIfNull(extraArguments);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var node = Launch(chain, anvilPath, port, extraArguments);
        try
        {
            await node.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            return node;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A Web3 client that signs locally with <paramref name="privateKey"/> for this chain (type-0 transactions where the chain has no base fee).</summary>
    public Web3 Web3For(string privateKey)
    {
        var web3 = new Web3(new Account(privateKey, Chain.ChainId), RpcUrl);
        web3.TransactionManager.UseLegacyAsDefault = Chain.LegacyTransactions;
        // anvil mines each transaction at once: poll for receipts every 20 ms, not Nethereum's default
        web3.TransactionManager.TransactionReceiptService =
            new Nethereum.RPC.TransactionReceipts.TransactionReceiptPollingService(web3.TransactionManager, 20);
        return web3;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static AnvilNode Launch(AnvilChain chain, string anvilPath, int port, IReadOnlyList<string> extraArguments)
    {
        var info = new ProcessStartInfo(anvilPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
                                         "--chain-id", chain.ChainId.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var argument in chain.ExtraArguments.Concat(extraArguments)) info.ArgumentList.Add(argument);

        var process = new Process { StartInfo = info };
        var node = new AnvilNode(chain, port, process);
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        process.Start();
        node.Exited = process.WaitForExitAsync();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var expected = "0x" + Chain.ChainId.ToString("x", CultureInfo.InvariantCulture);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"anvil ({Chain.Name}) exited with code {_process.ExitCode} before answering on port {Port}:\n{RecentOutput}");
            try
            {
                using var body = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}", Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri(RpcUrl), body, cancellationToken).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (text.Contains($"\"{expected}\"", StringComparison.Ordinal)) return;
                throw new InvalidOperationException($"anvil on port {Port} answered eth_chainId with {text}, expected {expected}");
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // a request that timed out: try again
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        }
        throw new InvalidOperationException($"anvil ({Chain.Name}) did not answer on port {Port} within {StartTimeout.TotalSeconds} s:\n{RecentOutput}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLinesKept) _output.Dequeue();
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
