using System.Text.Json.Nodes;
using Seratio.Bridges.Relaying;
using Seratio.Cli.Tests.Support;

namespace Seratio.Cli.Tests.Bridges;

/// <summary>
/// <c>seratio keys new-relayer</c> writes an encrypted relayer key and prints its address; <c>seratio relayer</c> opens it
/// with <c>--passphrase-file</c>, and refuses a wrong or missing passphrase (exit 1) and a bad <c>--metrics</c> address
/// (exit 2) before it reaches any EVM node.
/// </summary>
public sealed class RelayerKeyCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly CliRunner _cli = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task NewRelayer_WritesAKeystoreThatOpensWithItsPassphrase_AndPrintsTheAddressToFund()
    {
        var passphrase = Secret("pass.txt", "s3cret passphrase\n");
        var keyFile = _dir.File("relayer.json");

        var run = await _cli.RunAsync("keys", "new-relayer", "--out", keyFile, "--passphrase-file", passphrase, "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var address = (string?)JsonNode.Parse(run.Out)!["address"];
        Assert.Equal(RelayerKeyFile.Load(keyFile, passphrase).Address, address);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));

        var again = await _cli.RunAsync("keys", "new-relayer", "--out", keyFile, "--passphrase-file", passphrase);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("exists", again.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relayer_WithAWrongPassphrase_ExitsOne_NamingTheKeyFile()
    {
        var keyFile = _dir.File("relayer.json");
        RelayerKeyFile.CreateEncrypted(keyFile, "right");
        var wrong = Secret("wrong.txt", "wrong\n");

        var run = await _cli.RunAsync("relayer", "--chain", "eth", "--rpc", "http://127.0.0.1:9", "--contract", "0x5fbdb2315678afecb367f032d93f642f64180aa3",
            "--key-file", keyFile, "--passphrase-file", wrong);
        var missing = await _cli.RunAsync("relayer", "--chain", "eth", "--rpc", "http://127.0.0.1:9", "--contract", "0x5fbdb2315678afecb367f032d93f642f64180aa3",
            "--key-file", keyFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--key-file: wrong passphrase", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("give --passphrase-file", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relayer_WithABadMetricsAddress_IsAUsageError()
    {
        var keyFile = _dir.Write("relayer.devnet-unsafe.key", "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
        var run = await _cli.RunAsync("relayer", "--chain", "eth", "--rpc", "http://127.0.0.1:9", "--contract", "0x5fbdb2315678afecb367f032d93f642f64180aa3",
            "--key-file", keyFile, "--metrics", "nowhere");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--metrics", run.Err, StringComparison.Ordinal);
    }

    /// <summary>A file for its owner only, as the relayer wants a passphrase file.</summary>
    private string Secret(string name, string text)
    {
        var path = _dir.File(name);
        Seratio.Core.Keys.OwnerOnlyFiles.WriteNewText(path, text);
        return path;
    }
}
