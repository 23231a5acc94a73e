using System.Diagnostics;
using System.Text.RegularExpressions;
using Seratio.Core.Crypto;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.LoadGen;

/// <summary>
/// The load generator's <c>--mix orders</c> against a real node whose authority is dev-0: it lists a market, its
/// traders place and cancel, the batches trade, and the report gives placements next to transfers, trades per
/// block and refusals.
/// </summary>
public sealed partial class LoadGenSmokeTests
{
    [Fact]
    public async Task LoadGen_OrderMix_ListsAMarketTradesAndReportsPlacementsNextToTransfers()
    {
        using var dev0 = SigningKey.ForTesting("devnet/dev-0");
        await using var node = await NodeProcess.StartAsync(GenesisFundingDevKeys() with { Authority = dev0.Address.ToString() });
        var info = new ProcessStartInfo("dotnet");
        foreach (var a in new[]
        {
            LoadGenDll(),
            "--node", node.ApiUrl, "--duration", "4", "--warmup", "1", "--accounts", "16", "--concurrency", "8", "--mix", "transfers=50,orders=50",
        }) info.ArgumentList.Add(a);
        var keystore = Directory.CreateTempSubdirectory("seratio-loadgen-orders-it-").FullName;
        CliResult run;
        try { run = await CliRunner.RunProcessAsync(info, keystore, TimeSpan.FromSeconds(180)); }
        finally { Directory.Delete(keystore, recursive: true); }

        Assert.True(run.ExitCode == 0, $"seratio-loadgen failed\n{run}\n--- node\n{node.Output}");
        Assert.Contains("order mix: market 1 ", run.StdOut, StringComparison.Ordinal);
        var exchange = ExchangeLine().Match(run.StdOut);
        Assert.True(exchange.Success, $"no exchange line\n{run}");
        Assert.True(Parse(exchange.Groups["placements"].Value) > 0, $"no placement committed\n{run}");
        Assert.True(Parse(exchange.Groups["transfers"].Value) > 0, $"no transfer committed beside the orders\n{run}");
        Assert.Matches(TradesLine(), run.StdOut);
        Assert.Matches(@"(?m)^\s*refused in block\s+\S", run.StdOut);

        var market = (await node.Client.GetMarketAsync(new Protocol.GetMarketRequest { Id = 1 })).Market;
        Assert.True(market.TradeCount > 0, $"the traders' crossing orders never traded\n{run}");
        Assert.True(market.OpenOrders > 0, $"nothing rests on the book\n{run}");
    }

    [GeneratedRegex(@"(?m)^\s*exchange\s+market 1 DEX\d+/SER: (?<placements>[\d,.]+) placements/s and (?<cancels>[\d,.]+) cancels/s committed OK, next to (?<transfers>[\d,.]+) transfers/s")]
    private static partial Regex ExchangeLine();

    [GeneratedRegex(@"(?m)^\s*trades\s+[\d,.]+ per block \([\d,]+ trades in [\d,]+ blocks\)")]
    private static partial Regex TradesLine();
}
