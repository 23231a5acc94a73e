using System.Text.Json.Nodes;
using Seratio.Cli.Cli;
using Seratio.Cli.Devnet;
using Seratio.Cli.Hosting;
using Seratio.Cli.Tests.Support;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Keys;

namespace Seratio.Cli.Tests.Devnet;

public sealed class DevnetHomeTests : IDisposable
{
    private readonly TempDir _dir = new();
    private static readonly ListenAddress Api = new("127.0.0.1", 9191);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Create_WritesGenesisNodeConfigAndThrowAwayKeys()
    {
        var layout = new DevnetLayout(_dir.File("dn"));

        DevnetHome.Create(layout, Api);

        Assert.True(layout.IsComplete);
        Assert.Equal(EmbeddedGenesis.Text(), File.ReadAllText(layout.GenesisPath(0)));
        Assert.Equal("127.0.0.1:9191", (string?)JsonNode.Parse(File.ReadAllText(layout.NodeConfigPath(0)))!["Api"]!["Listen"]);
        var validator = KeyFiles.Load(layout.ValidatorKeyPath(0), () => throw new InvalidOperationException("must not prompt"));
        using var expectedValidator = SigningKey.ForTesting("devnet/validator-0");
        Assert.Equal(expectedValidator.PublicKey, validator.Value!.PublicKey);
        var genesis = Genesis.Load(layout.GenesisPath(0));
        for (int i = 0; i < 4; i++)
        {
            var dev = KeyFiles.Load(Path.Combine(layout.Home, "keys", $"dev-{i}.devnet-unsafe.key"), () => "");
            Assert.Equal(genesis.Accounts[i].Address, dev.Value!.Address.ToString());
        }
    }

    [Fact]
    public void Create_OfFourValidators_WaitsShortlyAfterACommitGivesAProposerTwoSecondsAndCapsProposalsAndBacklog()
    {
        var layout = new DevnetLayout(_dir.File("dn4"));

        DevnetHome.Create(layout, Api, 4, DevnetHome.Offset(Api, DevnetCommand.P2PPortOffset));

        for (int i = 0; i < 4; i++)
        {
            var consensus = JsonNode.Parse(File.ReadAllText(layout.NodeConfigPath(i)))!["Consensus"]!;
            Assert.Equal(50, (int)consensus["CommitWaitMs"]!);
            Assert.Equal(1000, (int)consensus["EmptyBlockIntervalMs"]!);
            Assert.Equal(2000, (int)consensus["Timeouts"]!["ProposeMs"]!);
            Assert.Equal(1000, (int)consensus["ProposalMaxTxs"]!);
            Assert.Equal(4_000, (int)JsonNode.Parse(File.ReadAllText(layout.NodeConfigPath(i)))!["Mempool"]!["MaxTxs"]!);
        }
    }

    [Fact]
    public void Create_InAFolderThatIsNotADevnet_IsRefused()
    {
        var home = _dir.File("precious");
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, "thesis.txt"), "do not delete");

        var ex = Assert.Throws<CommandException>(() => DevnetHome.Create(new DevnetLayout(home), Api));

        Assert.Equal(ExitCodes.Usage, ex.ExitCode);
        Assert.True(File.Exists(Path.Combine(home, "thesis.txt")));
    }

    [Fact]
    public void Reset_OfAFolderWithoutDevnetMarker_IsRefusedAndDeletesNothing()
    {
        var home = _dir.File("other");
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, "data.bin"), "x");

        Assert.Throws<CommandException>(() => DevnetHome.Reset(new DevnetLayout(home)));
        Assert.True(File.Exists(Path.Combine(home, "data.bin")));
    }

    [Fact]
    public void Reset_OfADevnet_DeletesIt()
    {
        var layout = new DevnetLayout(_dir.File("dn"));
        DevnetHome.Create(layout, Api);

        DevnetHome.Reset(layout);

        Assert.False(Directory.Exists(layout.Home));
    }

    [Fact]
    public void Create_OfSeveralValidators_LeavesLoggingToTheEnvironment_SoAValidatorStartedByHandLogs()
    {
        var layout = new DevnetLayout(_dir.File("dn"));

        DevnetHome.Create(layout, Api, validators: 4);

        for (int i = 0; i < 4; i++)
            Assert.Null(JsonNode.Parse(File.ReadAllText(layout.NodeConfigPath(i)))!["Logging"]);
    }

    [Fact]
    public void Upgrade_RemovesOnlyTheOldQuietLogging_AndKeepsAnOperatorsOwn()
    {
        var layout = new DevnetLayout(_dir.File("dn"));
        DevnetHome.Create(layout, Api, validators: 2);
        var old = JsonNode.Parse(File.ReadAllText(layout.NodeConfigPath(0)))!.AsObject();
        old["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } };
        File.WriteAllText(layout.NodeConfigPath(0), old.ToJsonString());
        var own = JsonNode.Parse(File.ReadAllText(layout.NodeConfigPath(1)))!.AsObject();
        own["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Debug" } };
        File.WriteAllText(layout.NodeConfigPath(1), own.ToJsonString());

        DevnetHome.Upgrade(layout, 2);

        var upgraded = JsonNode.Parse(File.ReadAllText(layout.NodeConfigPath(0)))!;
        Assert.Null(upgraded["Logging"]);
        Assert.Equal(old["P2P"]!.ToJsonString(), upgraded["P2P"]!.ToJsonString());
        Assert.Equal("Debug", (string?)JsonNode.Parse(File.ReadAllText(layout.NodeConfigPath(1)))!["Logging"]!["LogLevel"]!["Default"]);
    }

    [Theory]
    [InlineData("127.0.0.1:9090", true, "http://127.0.0.1:9090")]
    [InlineData("0.0.0.0:7000", true, "http://127.0.0.1:7000")]
    [InlineData("localhost:1", true, "http://localhost:1")]
    [InlineData("127.0.0.1", false, "")]
    [InlineData(":9090", false, "")]
    [InlineData("host:0", false, "")]
    [InlineData("host:65536", false, "")]
    [InlineData("host:-1", false, "")]
    public void ListenAddress_ParsesHostAndPort(string text, bool ok, string clientUrl)
    {
        Assert.Equal(ok, ListenAddress.TryParse(text, out var address, out _));
        if (ok) Assert.Equal(clientUrl, address.ClientUrl);
    }
}
