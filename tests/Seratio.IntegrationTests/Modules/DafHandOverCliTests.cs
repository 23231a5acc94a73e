using Seratio.Core.Keys;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.Modules;

/// <summary>
/// A chain that starts with a key as its authority hands over to the DAF through the real CLI and node: hand-over is
/// refused while the council is empty; the authority sets the council and the parameters itself, hands over, and
/// from then on its own grant is refused UNAUTHORIZED; a proposal that pays from an empty treasury passes, fails at
/// execution with its reason, and <c>daf show --wait-for executed</c> exits 1 naming it.
/// </summary>
public sealed class DafHandOverCliTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seratio-cli-daf-").FullName;
    private NodeProcess _node = null!;

    public async Task InitializeAsync()
    {
        using var authority = TestNetwork.Account(0);
        _node = await NodeProcess.StartAsync(TestNetwork.Genesis() with { Authority = authority.Address.ToString() }, blockIntervalMs: 100, emptyBlockIntervalMs: 250);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

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

    private static string Address(int account)
    {
        using var key = TestNetwork.Account(account);
        return key.Address.ToString();
    }

    private Task<CliResult> Run(params string[] args) =>
        new CliRunner(Path.Combine(_dir, "keystore")).RunAsync([.. args, "--node", _node.ApiUrl], TimeSpan.FromSeconds(150));

    private static void AssertExit(int code, CliResult result) => Assert.True(result.ExitCode == code, result.ToString());

    [Fact]
    public async Task TheAuthorityHandsOver_ThenOnlyProposalsAct_AndAFailingProposalSaysWhy()
    {
        var early = await Run("daf", "hand-over", "--from", KeyFile(0), "--wait");
        AssertExit(1, early);
        Assert.Contains("INVALID_MSG", early.StdOut + early.StdErr);

        AssertExit(0, await Run("daf", "set-members", "--member", Address(1), "--member", $"{Address(2)}:2", "--from", KeyFile(0), "--wait"));
        AssertExit(0, await Run("daf", "set-params", "--set", "voting_period=40", "--set", "expedited_voting_period=2", "--set", "timelock=1",
            "--from", KeyFile(0), "--wait"));
        var members = await Run("daf", "members");
        Assert.Contains("total weight 3", members.StdOut);
        var before = await Run("daf", "params");
        Assert.Contains("no: the authority is " + Address(0), before.StdOut);
        Assert.Contains("voting_period:", before.StdOut);

        AssertExit(0, await Run("daf", "hand-over", "--from", KeyFile(0), "--wait"));
        Assert.Contains("governs:                 yes", (await Run("daf", "params")).StdOut);
        var grant = await Run("role", "grant", Address(5), "issuer", "--from", KeyFile(0), "--wait");
        AssertExit(1, grant);
        Assert.Contains("UNAUTHORIZED", grant.StdOut + grant.StdErr);

        // The treasury holds nothing: a payout passes the vote and fails at execution, keeping nothing.
        var proposed = await Run("daf", "propose", "transfer", "--title", "Pay account-5", "--to", Address(5), "--amount", "1000", "--from", KeyFile(3), "--wait");
        AssertExit(0, proposed);
        Assert.Contains("proposal: 1", proposed.StdOut);
        AssertExit(0, await Run("daf", "vote", "1", "yes", "--from", KeyFile(1), "--wait"));
        AssertExit(0, await Run("daf", "vote", "1", "yes", "--from", KeyFile(2), "--wait"));
        var shown = await Run("daf", "show", "1", "--wait-for", "executed", "--timeout", "120");
        AssertExit(1, shown);
        Assert.Contains("status:      failed at height", shown.StdOut);
        Assert.Contains("failure:     message 0 (transfer)", shown.StdOut);
        Assert.Contains("proposal 1 ended failed, not executed: message 0 (transfer)", shown.StdErr);
        Assert.Contains("yes:         3 (100.00 %)", shown.StdOut);
    }
}
