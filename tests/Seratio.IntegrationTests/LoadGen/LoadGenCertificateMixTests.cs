using System.Diagnostics;
using System.Globalization;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.LoadGen;

/// <summary>
/// The load generator's certificate mix against a real node whose authority is dev-0: it must
/// grant its accounts the issuer role, and certificate issuances must commit next to transfers.
/// Not a performance assertion.
/// </summary>
public sealed class LoadGenCertificateMixTests
{
    private static Genesis GenesisWithDevAuthority()
    {
        var genesis = TestNetwork.Genesis();
        var accounts = Enumerable.Range(0, 4).Select(i =>
        {
            using var key = SigningKey.ForTesting($"devnet/dev-{i}");
            return new GenesisAccount { Name = $"dev-{i}", Address = key.Address.ToString(), Balance = TestNetwork.InitialBalance.ToString() };
        }).ToList();
        return new Genesis
        {
            ChainId = "seratio-loadgen-certs-it-1",
            GenesisTimeUnixMs = genesis.GenesisTimeUnixMs,
            Params = genesis.Params,
            Validators = genesis.Validators,
            Accounts = accounts,
            Authority = accounts[0].Address,
        };
    }

    [Fact]
    public async Task LoadGen_WithACertificateMix_CommitsIssuancesAndTransfers()
    {
        await using var node = await NodeProcess.StartAsync(GenesisWithDevAuthority());
        var dll = Path.Combine(RepoPaths.OutputOf(Path.Combine("benchmarks", "Seratio.LoadGen")), "seratio-loadgen.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing; building this test project builds it");
        var info = new ProcessStartInfo("dotnet");
        foreach (var a in new[] { dll, "--node", node.ApiUrl, "--duration", "3", "--warmup", "1", "--accounts", "8", "--concurrency", "4", "--mix", "transfers=50,certificates=50" })
            info.ArgumentList.Add(a);
        var keystore = Directory.CreateTempSubdirectory("seratio-loadgen-certs-it-").FullName;
        CliResult run;
        try { run = await CliRunner.RunProcessAsync(info, keystore, TimeSpan.FromSeconds(120)); }
        finally { Directory.Delete(keystore, recursive: true); }

        Assert.True(run.ExitCode == 0, $"seratio-loadgen failed\n{run}\n--- node\n{node.Output}");
        Assert.Contains("8 issuers granted", run.StdOut);
        Assert.Contains("mix: 50% certificate issuances", run.StdOut);
        var subject = ulong.Parse(System.Text.RegularExpressions.Regex.Match(run.StdOut, @"subject entity (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var listed = await node.Client.ListCertificatesAsync(new ListCertificatesRequest { Subject = subject, PageSize = 100 });
        Assert.NotEmpty(listed.Certificates);
        Assert.All(listed.Certificates, c => Assert.Equal(CertificateStatus.Active, c.Status));
    }
}
