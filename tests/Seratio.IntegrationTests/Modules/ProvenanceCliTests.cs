using System.Globalization;
using Seratio.Core.Keys;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.Modules;

/// <summary>The <c>seratio provenance</c> commands of the real CLI against a real node.</summary>
public sealed class ProvenanceCliTests(ValueModulesFixture fixture) : IClassFixture<ValueModulesFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seratio-cli-prov-").FullName;

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

    [Fact]
    public async Task AppendShowLineageAndList_WorkThroughTheCli_AndBadValuesExitWithUsageOrError()
    {
        var register = await Run("entity", "register", "--kind", "process", "--name", "Mill", "--from", KeyFile(5), "--wait");
        Assert.True(register.ExitCode == 0, register.ToString());
        using var controller = TestNetwork.Account(5);
        var entities = await Run("entity", "list", controller.Address.ToString(), "-o", "json");
        string entity = entities.Json().GetProperty("entities")[0].GetProperty("id").GetUInt64().ToString(CultureInfo.InvariantCulture);

        var first = await Run("provenance", "append", "--entity", entity, "--item", "wheat-1", "--step", "harvesting", "--link", "asset:SER", "--from", KeyFile(5), "--wait");
        Assert.True(first.ExitCode == 0, first.ToString());
        var listed = await Run("provenance", "list", "--entity", entity, "-o", "json");
        string one = listed.Json().GetProperty("records")[0].GetProperty("id").GetUInt64().ToString(CultureInfo.InvariantCulture);
        var second = await Run("provenance", "append", "--entity", entity, "--kind", "transformation", "--item", "flour-1", "--input", one, "--from", KeyFile(5), "--wait");
        Assert.True(second.ExitCode == 0, second.ToString());
        var fix = await Run("provenance", "append", "--entity", entity, "--item", "wheat-1", "--disposition", "recalled", "--corrects", one, "--from", KeyFile(5), "--wait");
        Assert.True(fix.ExitCode == 0, fix.ToString());

        var shown = await Run("provenance", "show", one, "--prove", "-o", "json");
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Equal(1UL, shown.Json().GetProperty("children_count").GetUInt64());
        Assert.Equal(1UL, shown.Json().GetProperty("corrections_count").GetUInt64());
        Assert.True(shown.Json().GetProperty("proof").GetProperty("exists").GetBoolean());
        var text = await Run("provenance", "show", one);
        Assert.Contains("asset:SER", text.StdOut);
        var descendants = await Run("provenance", "lineage", one, "--direction", "descendants", "-o", "json");
        Assert.Equal("flour-1", descendants.Json().GetProperty("entries")[0].GetProperty("record").GetProperty("items")[0].GetString());
        var byItem = await Run("provenance", "list", "--item", "wheat-1", "-o", "json");
        Assert.Equal(2UL, byItem.Json().GetProperty("total").GetUInt64());

        var badLink = await Run("provenance", "append", "--entity", entity, "--item", "x", "--link", "bond:1", "--from", KeyFile(5));
        Assert.Equal(2, badLink.ExitCode);
        Assert.Contains("--link 'bond:1' is not one", badLink.StdErr);
        var badDepth = await Run("provenance", "lineage", one, "--depth", "17");
        Assert.Equal(2, badDepth.ExitCode);
        var stranger = await Run("provenance", "append", "--entity", entity, "--item", "x", "--from", KeyFile(6), "--wait", "-o", "json");
        Assert.Equal(1, stranger.ExitCode);
        Assert.Equal("UNAUTHORIZED", stranger.Json().GetProperty("receipt").GetProperty("code").GetString());
        var unknown = await Run("provenance", "show", "999999");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no provenance record 999999", unknown.StdErr);
    }
}
