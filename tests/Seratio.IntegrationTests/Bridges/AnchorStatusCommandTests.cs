using Seratio.IntegrationTests.Cli;

namespace Seratio.IntegrationTests.Bridges;

/// <summary>
/// <c>seratio anchor status</c> when it cannot do its job: an EVM node that does not answer, a devnet folder without
/// anchor.json, incomplete flags. A clear message and a non-zero exit each time; no devnet needed.
/// </summary>
public sealed class AnchorStatusCommandTests : IDisposable
{
    private const string Contract = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private readonly string _root = Directory.CreateTempSubdirectory("seratio-anchor-status-").FullName;
    private readonly CliRunner _cli;

    public AnchorStatusCommandTests() => _cli = new CliRunner(_root);

    [Fact]
    public async Task AnchorStatus_WithAnUnreachableRpc_SaysSoAndExits1()
    {
        int port = TestPorts.Free();
        var rpc = $"http://127.0.0.1:{port}";
        var result = await _cli.RunAsync("anchor", "status", "--rpc", rpc, "--contract", Contract, "--chain", "etc", "--node", $"http://127.0.0.1:{TestPorts.Free()}");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"the etc EVM node at {rpc} does not answer", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr); // one message, no stack trace
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public async Task AnchorStatus_InAFolderWithoutAnchorJson_TellsToStartTheDevnetWithAnchor()
    {
        var result = await _cli.RunAsync("anchor", "status", "--home", _root);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("no anchor.json in", result.StdErr);
        Assert.Contains("seratio devnet --anchor", result.StdErr);
    }

    [Theory]
    [InlineData("--rpc", "http://127.0.0.1:1", "--chain", "eth")]
    [InlineData("--rpc", "http://127.0.0.1:1", "--contract", Contract)]
    [InlineData("--contract", Contract, "--chain", "eth")]
    [InlineData("--rpc", "ftp://x", "--contract", Contract, "--chain", "eth")]
    [InlineData("--rpc", "http://127.0.0.1:1", "--contract", "0x1234", "--chain", "eth")]
    public async Task AnchorStatus_WithIncompleteOrMalformedFlags_IsAUsageError(params string[] flags)
    {
        var result = await _cli.RunAsync(["anchor", "status", .. flags], CliRunner.DefaultTimeout);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: ", result.StdErr);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
