using System.Diagnostics;
using Seratio.Core.Crypto;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.LoadGen;

/// <summary>The load generator's <c>--mix microshares</c> against a real node whose authority is dev-0: it sets up a class, mints and commits sends.</summary>
public sealed partial class LoadGenSmokeTests
{
    [Fact]
    public async Task LoadGen_MicroshareMix_SetsUpAClassAndCommitsMicroshareSends()
    {
        using var dev0 = SigningKey.ForTesting("devnet/dev-0");
        await using var node = await NodeProcess.StartAsync(GenesisFundingDevKeys() with { Authority = dev0.Address.ToString() });
        var info = new ProcessStartInfo("dotnet");
        foreach (var a in new[]
        {
            LoadGenDll(),
            "--node", node.ApiUrl, "--duration", "3", "--warmup", "1", "--accounts", "8", "--concurrency", "4", "--mix", "microshares",
        }) info.ArgumentList.Add(a);
        var keystore = Directory.CreateTempSubdirectory("seratio-loadgen-micro-it-").FullName;
        CliResult run;
        try { run = await CliRunner.RunProcessAsync(info, keystore, TimeSpan.FromSeconds(120)); }
        finally { Directory.Delete(keystore, recursive: true); }

        Assert.True(run.ExitCode == 0, $"seratio-loadgen failed\n{run}\n--- node\n{node.Output}");
        Assert.Contains("created microshare class 1 over certificate 1", run.StdOut);
        Assert.Contains("minted a lot for each of 8 accounts", run.StdOut);
        Assert.True(Number(run, CommittedLine()) > 0, $"no microshare send committed\n{run}");
        var holdings = await node.Client.GetMicroshareTotalsAsync(new Protocol.GetMicroshareTotalsRequest { ClassId = 1 });
        Assert.Equal("SER", Assert.Single(holdings.Totals).OriginAsset);
    }
}
