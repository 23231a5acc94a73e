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

    private (string Text, Core.Chain.Genesis Genesis) Print(IReadOnlyList<string>? balances, OutputFormat format = OutputFormat.Text)
    {
        var layout = new DevnetLayout(_dir.File("dn"));
        if (!layout.IsComplete) DevnetHome.Create(layout, Api);
        var genesis = Core.Chain.Genesis.Load(layout.GenesisPath(0));
        var output = new StringWriter();
        var printer = new Printer(new CliConsole(output, new StringWriter(), _ => null, interactive: false), format);
        DevnetBanner.Print(printer, layout, genesis, Api, new NodeStatus { ChainId = genesis.ChainId, LatestHeight = 42 }, layout.Home,
            new ListenAddress("127.0.0.1", 9391), balances);
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
}
