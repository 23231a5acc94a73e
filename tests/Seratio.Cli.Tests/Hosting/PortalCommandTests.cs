using System.Net;
using System.Net.Sockets;
using Seratio.Cli.Hosting;
using Seratio.Cli.Tests.Support;

namespace Seratio.Cli.Tests.Hosting;

/// <summary><c>seratio portal</c>: bad flags are usage errors, a taken port is one error line, and the portal it starts reads its node.</summary>
public sealed class PortalCommandTests
{

    [Theory]
    [InlineData("--node", "not-a-url", "--node: 'not-a-url' is not an http:// or https:// URL")]
    [InlineData("--node", "ftp://127.0.0.1:9090", "is not an http:// or https:// URL")]
    [InlineData("--listen", "127.0.0.1", "--listen: '127.0.0.1' is not host:port")]
    [InlineData("--listen", "example.org:80", "--listen: 'example.org' is not an IP address, localhost or a wildcard")]
    public async Task BadFlags_AreUsageErrors_NamingTheFlag(string flag, string value, string expected)
    {
        var run = await new CliRunner().RunAsync("portal", flag, value);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATakenPort_ExitsOne_WithOneLineNamingTheAddress()
    {
        var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        try
        {
            int port = ((IPEndPoint)busy.LocalEndpoint).Port;
            var run = await new CliRunner().RunAsync("portal", "--listen", $"127.0.0.1:{port}");
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains($"cannot serve the portal on 127.0.0.1:{port}", run.Err, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Out + run.Err, StringComparison.Ordinal);
        }
        finally
        {
            busy.Stop();
        }
    }

    [Fact]
    public async Task ThePortalItStarts_ShowsItsNodesChain()
    {
        await using var node = await FakeNode.StartAsync();
        int port = TestPorts.Free();
        await using var app = await PortalCommand.StartAsync(PortalCommand.Options($"127.0.0.1:{port}", node.Url, "--listen"), CancellationToken.None);
        using var http = new HttpClient();
        var page = await http.GetStringAsync($"http://127.0.0.1:{port}/");
        Assert.Contains(node.State.Status.ChainId, page, StringComparison.Ordinal);
    }
}

/// <summary><c>seratio devnet</c>'s portal flags are checked before anything is created.</summary>
public sealed class DevnetPortalFlagTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(new[] { "--portal", "127.0.0.1:9999", "--no-portal" }, "--portal and --no-portal exclude each other")]
    [InlineData(new[] { "--portal", "nowhere" }, "--portal: 'nowhere' is not host:port")]
    public async Task BadPortalFlags_AreUsageErrors_AndCreateNoDevnet(string[] flags, string expected)
    {
        var home = _dir.File("devnet");
        var run = await new CliRunner().RunAsync(["devnet", "--home", home, .. flags]);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(home), "a refused devnet created its folder");
    }
}
