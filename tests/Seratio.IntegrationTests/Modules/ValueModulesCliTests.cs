using System.Text.Json;
using Seratio.Core.Crypto;
using Seratio.Core.Keys;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.Modules;

/// <summary>The role, entity and asset commands of the real <c>seratio</c> CLI against a real node.</summary>
public sealed class ValueModulesCliTests(ValueModulesFixture fixture) : IClassFixture<ValueModulesFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seratio-cli-values-").FullName;

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

    [Fact]
    public async Task RoleAssetAndEntityCommands_SubmitQueryAndReportFailures()
    {
        var grant = await Run("role", "grant", Address(1), "rewarding-body", "--from", KeyFile(0), "--wait", "-o", "json");
        Assert.True(grant.ExitCode == 0, grant.ToString());
        var show = await Run("role", "show", Address(1), "-o", "json");
        Assert.Equal("rewarding-body", show.Json().GetProperty("roles")[0].GetString());

        var create = await Run("asset", "create", "--symbol", "CLI1", "--name", "CLI coin", "--decimals", "2", "--max-supply", "1000", "--from", KeyFile(1), "--wait");
        Assert.True(create.ExitCode == 0, create.ToString());
        var mint = await Run("asset", "mint", "CLI1", "--to", Address(2), "--amount", "250", "--from", KeyFile(1), "--wait");
        Assert.True(mint.ExitCode == 0, mint.ToString());
        var overCap = await Run("asset", "mint", "CLI1", "--to", Address(2), "--amount", "800", "--from", KeyFile(1), "--wait", "-o", "json");
        Assert.Equal(1, overCap.ExitCode);
        Assert.Equal("LIMIT_EXCEEDED", overCap.Json().GetProperty("receipt").GetProperty("code").GetString());
        var asset = await Run("asset", "show", "CLI1", "-o", "json");
        Assert.Equal("250", asset.Json().GetProperty("supply").GetString());
        var balance = await Run("asset", "balance", "CLI1", Address(2), "-o", "json");
        Assert.Equal("250", balance.Json().GetProperty("balance").GetString());

        var register = await Run("entity", "register", "--kind", "product", "--name", "Widget", "--from", KeyFile(1), "--wait");
        Assert.True(register.ExitCode == 0, register.ToString());
        var list = await Run("entity", "list", Address(1), "-o", "json");
        var entity = Assert.Single(list.Json().GetProperty("entities").EnumerateArray());
        Assert.Equal("Widget", entity.GetProperty("name").GetString());
        var shown = await Run("entity", "show", entity.GetProperty("id").GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("product", shown.StdOut);
        var every = await Run("entity", "list", "-o", "json");
        Assert.True(every.ExitCode == 0, every.ToString());
        var ids = every.Json().GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("id").GetUInt64()).ToList();
        Assert.Contains(entity.GetProperty("id").GetUInt64(), ids);
        Assert.Equal(ids.OrderByDescending(i => i), ids);
        var badController = await Run("entity", "list", "ser1nope");
        Assert.Equal(2, badController.ExitCode);

        var badRole = await Run("role", "grant", Address(1), "king", "--from", KeyFile(0));
        Assert.Equal(2, badRole.ExitCode);
        Assert.Contains("role 'king' is unknown", badRole.StdErr);
        var badSymbol = await Run("asset", "show", "cli1");
        Assert.Equal(2, badSymbol.ExitCode);
        var unknown = await Run("asset", "show", "NOPE");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no asset 'NOPE'", unknown.StdErr);
    }
}
