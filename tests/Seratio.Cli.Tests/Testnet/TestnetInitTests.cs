using System.Text.Json.Nodes;
using Seratio.Cli.Tests.Support;

namespace Seratio.Cli.Tests.Testnet;

public sealed class TestnetInitTests : IDisposable
{
    private const UnixFileMode Mode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode700 = Mode600 | UnixFileMode.UserExecute;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<string> Init(params string[] extra)
    {
        var output = _dir.File("net");
        var run = await new CliRunner().RunAsync(["testnet", "init", "--out", output, "--validators", "2", "--accounts", "1", .. extra]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return output;
    }

    private static JsonNode NodeJson(string output, int i) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(output, $"validator-{i}", "config", "node.json")))!;

    [Fact]
    public async Task Init_WritesSecretsFoldersOwnerOnly_AndPassphrasesOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return; // Unix permissions only.

        var output = await Init();

        var secrets = new[] { Path.Combine(output, "validator-0", "secrets"), Path.Combine(output, "validator-1", "secrets"), Path.Combine(output, "accounts", "secrets") };
        foreach (var folder in secrets)
        {
            Assert.Equal(Mode700, File.GetUnixFileMode(folder));
            var passphrase = Assert.Single(Directory.GetFiles(folder, "*.passphrase"));
            Assert.Equal(Mode600, File.GetUnixFileMode(passphrase));
        }
        Assert.Equal(Mode700, File.GetUnixFileMode(Path.Combine(output, "validator-0", "keys")));
        Assert.Equal(Mode600, File.GetUnixFileMode(Path.Combine(output, "validator-0", "keys", "validator.key")));
    }

    [Fact]
    public async Task Init_WithHosts_ListensForPeersEverywhereButKeepsTheApiOnLoopback()
    {
        var output = await Init("--hosts", "10.0.0.1,10.0.0.2", "--unsafe-keys");

        for (int i = 0; i < 2; i++)
        {
            Assert.Equal("127.0.0.1:9090", (string?)NodeJson(output, i)["Api"]!["Listen"]);
            Assert.Equal("0.0.0.0:26656", (string?)NodeJson(output, i)["P2P"]!["Listen"]);
        }
    }

    [Fact]
    public async Task Init_WithHostsAndPublicApi_OpensTheApi()
    {
        var output = await Init("--hosts", "10.0.0.1,10.0.0.2", "--unsafe-keys", "--public-api");

        Assert.Equal("0.0.0.0:9090", (string?)NodeJson(output, 0)["Api"]!["Listen"]);
    }
}
