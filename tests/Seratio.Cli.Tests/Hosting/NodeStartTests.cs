using System.Net;
using System.Net.Sockets;
using Seratio.Cli.Tests.Support;

namespace Seratio.Cli.Tests.Hosting;

public sealed class NodeStartTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A one-validator home from <c>testnet init</c>, its API on <paramref name="apiPort"/>.</summary>
    private async Task<string> Home(int apiPort, params string[] extra)
    {
        var output = _dir.File("net");
        var run = await new CliRunner().RunAsync(["testnet", "init", "--out", output, "--validators", "1", "--accounts", "0",
            "--api-port", $"{apiPort}", "--p2p-port", $"{TestPorts.Free()}", .. extra]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return Path.Combine(output, "validator-0");
    }

    private static string ErrorLine(CliRun run) =>
        Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [Fact]
    public async Task Start_OnABusyPort_ExitsOneWithOneErrorLineNamingTheFlag()
    {
        var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        try
        {
            int port = ((IPEndPoint)busy.LocalEndpoint).Port;
            var home = await Home(port, "--unsafe-keys");

            var run = await new CliRunner().RunAsync("node", "start", "--home", home);

            Assert.True(run.ExitCode == 1, run.ToString());
            var line = ErrorLine(run);
            Assert.StartsWith($"error: cannot listen on 127.0.0.1:{port} (Api:Listen)", line);
            Assert.Contains("--api", line);
            Assert.DoesNotContain("   at ", run.Out + run.Err);
        }
        finally
        {
            busy.Stop();
        }
    }

    [Fact]
    public async Task Start_OnAHomeWhoseDatabaseAnotherNodeHolds_ExitsOneWithOneErrorLine()
    {
        var home = await Home(TestPorts.Free(), "--unsafe-keys");
        var chain = Path.Combine(home, "data", "chain");
        Directory.CreateDirectory(chain);
        // What a node already running on this home does: hold RocksDB's lock on the chain database.
        using var held = RocksDbSharp.RocksDb.Open(new RocksDbSharp.DbOptions().SetCreateIfMissing(true), chain);

        var run = await new CliRunner().RunAsync("node", "start", "--home", home);

        Assert.True(run.ExitCode == 1, run.ToString());
        var line = ErrorLine(run);
        Assert.StartsWith($"error: cannot start the node: the database in {chain} is held by another node (is one already running on this home?)", line);
        Assert.DoesNotContain("unexpected failure", line);
        Assert.DoesNotContain("   at ", run.Out + run.Err);
    }

    [Fact]
    public async Task Start_WithAPassphraseFileOthersCanRead_ExitsOneNamingTheChmod()
    {
        if (OperatingSystem.IsWindows()) return; // Unix permissions only.
        var home = await Home(TestPorts.Free());
        var passphrase = Path.Combine(home, "secrets", "validator.passphrase");
        File.SetUnixFileMode(passphrase, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var run = await new CliRunner().RunAsync("node", "start", "--home", home);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"chmod 600 {passphrase}", ErrorLine(run));
        Assert.DoesNotContain("   at ", run.Out + run.Err);
    }
}
