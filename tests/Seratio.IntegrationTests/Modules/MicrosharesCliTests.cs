using Seratio.Core.Keys;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.Modules;

/// <summary>The <c>seratio microshare</c> commands of the real CLI against a real node: create, mint, send, show, lineage and the exit codes of refusals.</summary>
public sealed class MicrosharesCliTests(ValueModulesFixture fixture) : IClassFixture<ValueModulesFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seratio-cli-micro-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string KeyFile(int account)
    {
        var path = Path.Combine(_dir, $"account-{account}.devnet-unsafe.key");
        if (!File.Exists(path))
        {
            using var key = TestNetwork.Account(account);
            UnsafeKeyFile.Write(path, key);
        }
        return path;
    }

    private Task<CliResult> Run(params string[] args) =>
        new CliRunner(Path.Combine(_dir, "keystore")).RunAsync([.. args, "--node", fixture.Node.ApiUrl]);

    private static string Address(int account)
    {
        using var key = TestNetwork.Account(account);
        return key.Address.ToString();
    }

    private static string Attr(CliResult result, string type, string key) =>
        result.Json().GetProperty("receipt").GetProperty("events").EnumerateArray()
            .First(e => e.GetProperty("type").GetString() == type)
            .GetProperty("attributes").EnumerateArray().First(a => a.GetProperty("key").GetString() == key).GetProperty("value").GetString()!;

    private static void AssertOk(CliResult result) => Assert.True(result.ExitCode == 0, result.ToString());

    [Fact]
    public async Task MicroshareCommands_CreateMintSendShowAndTrace_AndRefusalsExitWithOneOrTwo()
    {
        const string hash = "0x1111111111111111111111111111111111111111111111111111111111111111";
        AssertOk(await Run("cert", "method-register", "cli-micro", "--version", "1", "--description", "Method for the microshare CLI test", "--document-hash", hash, "--from", KeyFile(0), "--wait"));
        AssertOk(await Run("role", "grant", Address(1), "issuer", "--from", KeyFile(0), "--wait"));
        AssertOk(await Run("role", "grant", Address(2), "rewarding-body", "--from", KeyFile(0), "--wait"));
        var entity = await Run("entity", "register", "--kind", "project", "--name", "Wetlands", "--from", KeyFile(3), "--wait", "-o", "json");
        AssertOk(entity);
        var issue = await Run("cert", "issue", "--subject", Attr(entity, "entity_registered", "id"), "--period-start", "2025-01-01", "--period-end", "2026-01-01",
            "--social-value", "300", "--financial-value", "100", "--scale", "0", "--social-unit", "GBP", "--currency", "GBP",
            "--method", "cli-micro", "--method-version", "1", "--evidence-uri", "ipfs://report", "--evidence-hash", hash,
            "--valid-until", "2099-01-01T00:00:00Z", "--from", KeyFile(1), "--wait", "-o", "json");
        AssertOk(issue);
        string certificate = Attr(issue, "certificate_issued", "id");

        var created = await Run("microshare", "class-create", "WET", "--name", "Wetland shares", "--certificate", certificate, "--rule", "se-ratio", "--redeemable",
            "--from", KeyFile(2), "--wait", "-o", "json");
        AssertOk(created);
        string cls = Attr(created, "microshare_class_created", "class");
        var minted = await Run("microshare", "mint", cls, "--certificate", certificate, "--amount", "100", "--from", KeyFile(3), "--wait", "-o", "json");
        AssertOk(minted);
        Assert.Equal("300", Attr(minted, "microshares_minted", "units"));
        string lot = Attr(minted, "microshares_minted", "lot");
        AssertOk(await Run("microshare", "send", cls, Address(4), "--units", "120", "--lots", lot, "--from", KeyFile(3), "--wait"));

        var holdings = await Run("microshare", "holdings", Address(4), "--class", cls, "--prove", "-o", "json");
        AssertOk(holdings);
        var held = holdings.Json().GetProperty("lots")[0];
        Assert.Equal(("120", "100", "SER"), (held.GetProperty("units").GetString(), held.GetProperty("flags").GetProperty("origin_amount").GetString(),
            held.GetProperty("flags").GetProperty("origin_asset").GetString()));
        var show = await Run("microshare", "class-show", "WET");
        AssertOk(show);
        Assert.Contains("se-ratio × 1/1, redeemable", show.StdOut);
        var lineage = await Run("microshare", "lineage", lot);
        AssertOk(lineage);
        Assert.Contains("ratio 3", lineage.StdOut);
        var totals = await Run("microshare", "totals", cls, "--holder", Address(4));
        AssertOk(totals);
        Assert.Contains("SER\t120 units\t0 frozen", totals.StdOut);

        var tooMany = await Run("microshare", "send", cls, Address(3), "--units", "121", "--from", KeyFile(4), "--wait");
        Assert.Equal(1, tooMany.ExitCode);
        Assert.Contains("INSUFFICIENT_FUNDS", tooMany.StdOut + tooMany.StdErr);
        var usage = await Run("microshare", "send", cls, Address(3), "--units", "0", "--from", KeyFile(4));
        Assert.Equal(2, usage.ExitCode);
        var unknown = await Run("microshare", "lot", "999999");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no lot 999999", unknown.StdErr);
    }
}
