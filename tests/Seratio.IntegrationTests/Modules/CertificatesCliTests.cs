using System.Globalization;
using System.Text.Json.Nodes;
using Seratio.Core.Keys;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.Modules;

/// <summary>The <c>seratio cert</c> commands of the real CLI against a real node, including <c>cert verify</c> of an honest and a tampered proof.</summary>
public sealed class CertificatesCliTests(ValueModulesFixture fixture) : IClassFixture<ValueModulesFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seratio-cli-certs-").FullName;

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

    private static string EventId(CliResult result, string type) =>
        result.Json().GetProperty("receipt").GetProperty("events").EnumerateArray()
            .First(e => e.GetProperty("type").GetString() == type)
            .GetProperty("attributes").EnumerateArray().First(a => a.GetProperty("key").GetString() == "id").GetProperty("value").GetString()!;

    private static void AssertOk(CliResult result) => Assert.True(result.ExitCode == 0, result.ToString());

    [Fact]
    public async Task CertCommands_IssueShowListRevoke_AndVerifyDetectsATamperedProof()
    {
        const string hash = "0x1111111111111111111111111111111111111111111111111111111111111111";
        AssertOk(await Run("cert", "method-register", "cli-sroi", "--version", "1", "--description", "SROI for the CLI test", "--document-hash", hash, "--from", KeyFile(0), "--wait"));
        AssertOk(await Run("role", "grant", Address(1), "issuer", "--method", "cli-sroi", "--from", KeyFile(0), "--wait"));
        var entity = await Run("entity", "register", "--kind", "project", "--name", "Reforestation", "--from", KeyFile(2), "--wait", "-o", "json");
        AssertOk(entity);
        string subject = EventId(entity, "entity_registered");
        var method = await Run("cert", "method-show", "cli-sroi", "-o", "json");
        Assert.Equal(1U, method.Json().GetProperty("latest_version").GetUInt32());

        var issue = await Run("cert", "issue", "--subject", subject, "--period-start", "2025-01-01", "--period-end", "2026-01-01",
            "--social-value", "150000", "--financial-value", "40000", "--scale", "2", "--social-unit", "GBP", "--currency", "GBP",
            "--method", "cli-sroi", "--method-version", "1", "--evidence-uri", "ipfs://report", "--evidence-hash", hash,
            "--label", "SDG:13", "--label", "SDG:15", "--valid-until", "2099-01-01T00:00:00Z", "--from", KeyFile(1), "--wait", "-o", "json");
        AssertOk(issue);
        string id = EventId(issue, "certificate_issued");

        var show = await Run("cert", "show", id);
        AssertOk(show);
        Assert.Contains("3.75 (stored 3750000000000000000", show.StdOut);
        Assert.Contains("active at height", show.StdOut);
        var list = await Run("cert", "list", "--subject", subject, "--status", "active", "-o", "json");
        Assert.Equal(id, list.Json().GetProperty("certificates")[0].GetProperty("certificate").GetProperty("id").GetUInt64().ToString(CultureInfo.InvariantCulture));
        var every = await Run("cert", "list", "--page-size", "1", "-o", "json");
        AssertOk(every);
        ulong newest = every.Json().GetProperty("last_id").GetUInt64();
        Assert.True(newest >= ulong.Parse(id, CultureInfo.InvariantCulture), every.StdOut);
        Assert.Equal(newest, every.Json().GetProperty("certificates")[0].GetProperty("certificate").GetProperty("id").GetUInt64());

        var verify = await Run("cert", "verify", id);
        AssertOk(verify);
        Assert.Matches(@"(?m)^proof: valid against block \d+ state root [0-9a-f]{64}$", verify.StdOut);
        Assert.Contains("status:", verify.StdOut);

        // A saved document checks; the same document with one proof byte or one shown value changed does not.
        var saved = await Run("cert", "show", id, "--prove", "-o", "json");
        AssertOk(saved);
        var honest = Path.Combine(_dir, "honest.json");
        await File.WriteAllTextAsync(honest, saved.StdOut);
        AssertOk(await Run("cert", "verify", id, "--file", honest));

        var doc = JsonNode.Parse(saved.StdOut)!;
        var sibling = doc["proof"]!["siblings"]![0]!.GetValue<string>();
        doc["proof"]!["siblings"]![0] = (sibling[0] == '0' ? "1" : "0") + sibling[1..];
        var tamperedProof = Path.Combine(_dir, "tampered-proof.json");
        await File.WriteAllTextAsync(tamperedProof, doc.ToJsonString());
        var badProof = await Run("cert", "verify", id, "--file", tamperedProof);
        Assert.Equal(1, badProof.ExitCode);
        Assert.Contains("INVALID against block", badProof.StdOut);
        Assert.Contains("does not lead to the state root", badProof.StdOut);

        doc = JsonNode.Parse(saved.StdOut)!;
        doc["certificate"]!["social_value"] = "9999999";
        var tamperedValue = Path.Combine(_dir, "tampered-value.json");
        await File.WriteAllTextAsync(tamperedValue, doc.ToJsonString());
        var badValue = await Run("cert", "verify", id, "--file", tamperedValue, "-o", "json");
        Assert.Equal(1, badValue.ExitCode);
        Assert.False(badValue.Json().GetProperty("valid").GetBoolean());
        Assert.Contains("differs from the proven value", badValue.Json().GetProperty("reason").GetString());

        var revoke = await Run("cert", "revoke", id, "--reason", "double counted", "--from", KeyFile(1), "--wait");
        AssertOk(revoke);
        Assert.Contains("certificate_revoked", revoke.StdOut);
        var revoked = await Run("cert", "verify", id, "-o", "json");
        AssertOk(revoked);
        Assert.Equal("revoked", revoked.Json().GetProperty("status").GetString());

        var unknown = await Run("cert", "show", "999999");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no certificate 999999", unknown.StdErr);
        var both = await Run("cert", "list", "--subject", subject, "--issuer", Address(1));
        Assert.Equal(2, both.ExitCode);
        var badTime = await Run("cert", "issue", "--subject", subject, "--period-start", "soon", "--period-end", "2026-01-01",
            "--social-value", "1", "--financial-value", "1", "--social-unit", "GBP", "--currency", "GBP", "--method", "cli-sroi", "--method-version", "1",
            "--evidence-uri", "x", "--evidence-hash", hash, "--valid-until", "2099-01-01", "--from", KeyFile(1));
        Assert.Equal(2, badTime.ExitCode);
        Assert.Contains("--period-start 'soon'", badTime.StdErr);
    }
}
