using Seratio.Cli.Cli;
using Seratio.Cli.Devnet;
using Seratio.Cli.Hosting;
using Seratio.Cli.Tests.Support;
using Seratio.Protocol;

namespace Seratio.Cli.Tests.Devnet;

public sealed class DevnetBannerTests : IDisposable
{
    private readonly TempDir _dir = new();
    private static readonly ListenAddress Api = new("127.0.0.1", 9191);

    public void Dispose() => _dir.Dispose();

    private (string Text, Core.Chain.Genesis Genesis) Print(IReadOnlyList<string>? balances, OutputFormat format = OutputFormat.Text, Seratio.Cli.Anchor.AnchorFile? anchor = null)
    {
        var layout = new DevnetLayout(_dir.File("dn"));
        if (!layout.IsComplete) DevnetHome.Create(layout, Api);
        var genesis = Core.Chain.Genesis.Load(layout.GenesisPath(0));
        var output = new StringWriter();
        var printer = new Printer(new CliConsole(output, new StringWriter(), _ => null, interactive: false), format);
        DevnetBanner.Print(printer, layout, genesis, Api, new NodeStatus { ChainId = genesis.ChainId, LatestHeight = 42 }, layout.Home,
            new ListenAddress("127.0.0.1", 9391), balances, anchor);
        return (output.ToString(), genesis);
    }

    [Fact]
    public void Print_WithBalancesReadFromTheNode_ShowsThemAtTheirHeight_NotTheGenesisOnes()
    {
        var balances = new[] { "999989000000", "1000010000000", "1000000000000", "1000000000000" };

        var (text, genesis) = Print(balances);

        Assert.Contains("funded development accounts, balances at height 42", text);
        var dev0 = text.Split('\n').Single(l => l.StartsWith("  dev-0 ", StringComparison.Ordinal));
        Assert.Contains("(999989000000)", dev0);
        Assert.DoesNotContain($"({genesis.Accounts[0].Balance})", dev0);
        Assert.Contains("(1000010000000)", text.Split('\n').Single(l => l.StartsWith("  dev-1 ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Print_WithoutBalances_SaysTheyAreTheGenesisBalances()
    {
        var (text, genesis) = Print(null);

        Assert.Contains("funded development accounts, genesis balances", text);
        Assert.DoesNotContain("balances at height", text);
        Assert.Contains($"({genesis.Accounts[0].Balance})", text);
    }

    [Fact]
    public void Print_AsJson_GivesTheBalancesAndTheirHeight()
    {
        var (json, _) = Print(["1", "2", "3", "4"], OutputFormat.Json);
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!;

        Assert.Equal(42UL, (ulong)root["balances_height"]!);
        Assert.Equal("2", (string?)root["accounts"]![1]!["balance"]);
        Assert.Null(System.Text.Json.Nodes.JsonNode.Parse(Print(null, OutputFormat.Json).Text)!["balances_height"]);
    }

    private static readonly Seratio.Cli.Anchor.AnchorFile Anchors = new()
    {
        Node = "http://127.0.0.1:9191",
        Chains =
        [
            new() { Name = "eth", Rpc = "http://127.0.0.1:9491", EvmChainId = 1337, Contract = "0x5fbdb2315678afecb367f032d93f642f64180aa3", Outbox = "/d/anchor/relayer-eth.outbox.json" },
            new() { Name = "etc", Rpc = "http://127.0.0.1:9492", EvmChainId = 63, Contract = "0x5fbdb2315678afecb367f032d93f642f64180aa3", Outbox = "/d/anchor/relayer-etc.outbox.json" },
        ],
    };

    [Fact]
    public void Print_WithAnchoring_NamesEachChainAndTheVerifyCommand()
    {
        var (text, _) = Print(null, anchor: Anchors);

        Assert.Contains("  eth  http://127.0.0.1:9491  chain id 1337  contract 0x5fbdb2315678afecb367f032d93f642f64180aa3  outbox /d/anchor/relayer-eth.outbox.json", text);
        Assert.Contains("  etc  http://127.0.0.1:9492  chain id 63  contract 0x5fbdb2315678afecb367f032d93f642f64180aa3  outbox /d/anchor/relayer-etc.outbox.json", text);
        Assert.Contains("seratio cert verify CERT_ID --on etc --rpc http://127.0.0.1:9492 --contract 0x5fbdb2315678afecb367f032d93f642f64180aa3", text);
        Assert.Contains("seratio anchor status --home ", text);
        Assert.DoesNotContain("anchoring every", Print(null).Text);
    }

    [Fact]
    public void Print_WithAnchoring_AsJson_GivesTheChains()
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(Print(null, OutputFormat.Json, Anchors).Text)!;

        Assert.Equal(63L, (long)root["anchor"]!["chains"]![1]!["evm_chain_id"]!);
        Assert.Equal("/d/anchor/relayer-eth.outbox.json", (string?)root["anchor"]!["chains"]![0]!["outbox"]);
        Assert.Equal(10UL, (ulong)root["anchor"]!["checkpoint_interval"]!);
        Assert.Null(System.Text.Json.Nodes.JsonNode.Parse(Print(null, OutputFormat.Json).Text)!["anchor"]);
    }
}
