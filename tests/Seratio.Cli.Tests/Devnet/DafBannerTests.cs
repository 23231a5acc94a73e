using Seratio.Cli.Cli;
using Seratio.Cli.Devnet;
using Seratio.Cli.Hosting;
using Seratio.Cli.Tests.Support;
using Seratio.Protocol;

namespace Seratio.Cli.Tests.Devnet;

/// <summary>The banner of <c>devnet --daf</c>: it says the DAF governs, names the council and shows how to propose; a devnet without it says nothing of the DAF.</summary>
public sealed class DafBannerTests : IDisposable
{
    private readonly TempDir _dir = new();
    private static readonly ListenAddress Api = new("127.0.0.1", 9191);

    public void Dispose() => _dir.Dispose();

    private string Print(bool daf, OutputFormat format = OutputFormat.Text)
    {
        var layout = new DevnetLayout(_dir.File(daf ? "daf" : "plain"));
        if (!layout.IsComplete) DevnetHome.Create(layout, Api, daf: daf);
        var genesis = Core.Chain.Genesis.Load(layout.GenesisPath(0));
        var output = new StringWriter();
        var printer = new Printer(new CliConsole(output, new StringWriter(), _ => null, interactive: false), format);
        DevnetBanner.Print(printer, layout, genesis, Api, new NodeStatus { ChainId = genesis.ChainId, LatestHeight = 1 }, layout.Home, new ListenAddress("127.0.0.1", 9391), null);
        return output.ToString();
    }

    [Fact]
    public void DafDevnet_SaysTheDafGoverns_NamesTheCouncil_AndHowToPropose()
    {
        var text = Print(daf: true);
        Assert.Contains($"the DAF governs this chain: its account {Vm.Modules.Daf.Daf.Address} is the authority", text);
        Assert.Contains("council: dev-0, dev-1, dev-2, dev-3 (weight 1 each)", text);
        Assert.Contains("propose: seratio daf propose grant-role --title \"Accredit an issuer\"", text);
        Assert.Contains("--node http://127.0.0.1:9191", text);

        var json = System.Text.Json.Nodes.JsonNode.Parse(Print(daf: true, OutputFormat.Json))!;
        Assert.True((bool)json["daf"]!["governs"]!);
        Assert.Equal(4, json["daf"]!["council"]!.AsArray().Count);
    }

    [Fact]
    public void PlainDevnet_SaysNothingOfTheDaf()
    {
        Assert.DoesNotContain("DAF", Print(daf: false));
        Assert.Null(System.Text.Json.Nodes.JsonNode.Parse(Print(daf: false, OutputFormat.Json))!["daf"]);
    }
}
