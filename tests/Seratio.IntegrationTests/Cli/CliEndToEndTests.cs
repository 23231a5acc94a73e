using System.Globalization;
using System.Text.Json.Nodes;
using Seratio.Core.Numerics;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.Cli;

/// <summary>
/// The README's walkthrough with real processes: one <c>seratio devnet</c> per class, and every
/// command as its own <c>seratio</c> process talking to it over gRPC.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class CliEndToEndTests(DevnetFixture fixture) : IClassFixture<DevnetFixture>
{
    private CliRunner Cli => fixture.Cli;
    private string Node => fixture.Url;

    [Fact]
    public async Task Status_OfRunningDevnet_ShowsItsChainAndHeight()
    {
        var text = await Expect(0, "status", "--node", Node);
        Assert.Matches(@"(?m)^chain id:\s+seratio-devnet-1$", text.StdOut);
        Assert.Matches(@"(?m)^height:\s+\d+$", text.StdOut);

        var json = (await Expect(0, "status", "--node", Node, "-o", "json")).Json();
        Assert.Equal("seratio-devnet-1", json.GetProperty("chain_id").GetString());
        Assert.Equal(64, json.GetProperty("latest_state_root").GetString()!.Length);
    }

    [Fact]
    public async Task TxSendWait_FromDevKey_CommitsAndEveryQueryShowsIt()
    {
        var to = fixture.AddressOf("dev-1");
        var before = await BalanceAsync(to);

        var sent = await Expect(0, "tx", "send", "--from", "dev-0", "--to", to, "--amount", "10SER", "--memo", "hi", "--wait",
            "--home", fixture.Home, "--node", Node);
        Assert.Matches(@"(?m)^code:\s+OK$", sent.StdOut);
        var hash = Field(sent.StdOut, "tx");
        var height = Field(sent.StdOut, "height");
        Assert.Matches("^[0-9a-f]{64}$", hash);

        Assert.Equal(before + Ser.Whole(10), await BalanceAsync(to));
        var account = await Expect(0, "query", "account", to, "--node", Node);
        Assert.Contains($"{(before + Ser.Whole(10)).ToDisplay(Ser.Decimals)} SER", Field(account.StdOut, "balance"));

        var tx = await Expect(0, "query", "tx", hash, "--node", Node);
        Assert.Matches(@"(?m)^code:\s+OK$", tx.StdOut);
        Assert.Contains($"transfer 10 SER (10000000) to {to} memo \"hi\"", tx.StdOut);
        Assert.Contains(to, tx.StdOut);
        Assert.Equal(height, Field(tx.StdOut, "height"));

        var block = await Expect(0, "query", "block", height, "--node", Node);
        Assert.Equal(height, Field(block.StdOut, "height"));
        Assert.Contains(block.StdOut.Split('\n'), line => line.StartsWith("tx:", StringComparison.Ordinal) && line.EndsWith(hash, StringComparison.Ordinal));

        var latest = (await Expect(0, "query", "block", "--node", Node, "-o", "json")).Json();
        Assert.True(latest.GetProperty("height").GetUInt64() >= ulong.Parse(height, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AccountProof_VerifiesOffline_AndTamperedCopiesAreInvalid()
    {
        var address = fixture.AddressOf("dev-2");
        var proof = await Expect(0, "query", "account", address, "--prove", "--output", "json", "--node", Node);
        var file = fixture.WriteFile("proof.json", proof.StdOut);

        var verified = await Expect(0, "proof", "verify", file);
        Assert.Equal("valid", verified.StdOut.Trim());

        var balanceEdited = JsonNode.Parse(proof.StdOut)!;
        balanceEdited["balance"] = (Amount.Parse(balanceEdited["balance"]!.GetValue<string>()) + Ser.Whole(1)).ToString();
        var tampered = await Expect(1, "proof", "verify", fixture.WriteFile("proof-balance.json", balanceEdited.ToJsonString()));
        Assert.StartsWith("invalid:", tampered.StdOut.Trim(), StringComparison.Ordinal);

        var siblingEdited = JsonNode.Parse(proof.StdOut)!;
        var siblings = siblingEdited["proof"]!["siblings"]!.AsArray();
        Assert.NotEmpty(siblings);
        var sibling = siblings[0]!.GetValue<string>();
        siblings[0] = (sibling[0] == '0' ? "1" : "0") + sibling[1..];
        var forged = await Expect(1, "proof", "verify", fixture.WriteFile("proof-sibling.json", siblingEdited.ToJsonString()));
        Assert.Contains("does not lead to state root", forged.StdOut);
    }

    [Fact]
    public async Task KeystoreKey_FundedByDev0_SendsWithItsPassphrase()
    {
        var passphrase = fixture.WriteFile("alice.pass", "correct horse battery staple\n");
        var added = (await Expect(0, "keys", "add", "alice", "--keystore", fixture.Keystore, "--passphrase-file", passphrase, "-o", "json")).Json();
        var alice = added.GetProperty("address").GetString()!;
        Assert.True(added.GetProperty("encrypted").GetBoolean());

        await Expect(0, "tx", "send", "--from", "dev-0", "--to", alice, "--amount", "5SER", "--wait", "--home", fixture.Home, "--node", Node);
        var to = fixture.AddressOf("dev-3");
        var sent = (await Expect(0, "tx", "send", "--from", "alice", "--keystore", fixture.Keystore, "--passphrase-file", passphrase,
            "--to", to, "--amount", "1.5SER", "--wait", "--node", Node, "-o", "json")).Json();
        Assert.Equal("OK", sent.GetProperty("receipt").GetProperty("code").GetString());
        Assert.Equal(alice, sent.GetProperty("from").GetString());

        var account = (await Expect(0, "query", "account", alice, "--node", Node, "-o", "json")).Json();
        Assert.Equal(Ser.Whole(5) - Amount.Parse("1500000"), Amount.Parse(account.GetProperty("balance").GetString()!));
        Assert.Equal(1UL, account.GetProperty("nonce").GetUInt64());
    }

    [Fact]
    public async Task TxSend_WithWrongPassphrase_ExitsOneAndSaysSo()
    {
        var right = fixture.WriteFile("bob.pass", "the right one\n");
        var wrong = fixture.WriteFile("bob.wrong", "not the right one\n");
        await Expect(0, "keys", "add", "bob", "--keystore", fixture.Keystore, "--passphrase-file", right);

        var failed = await Expect(1, "tx", "send", "--from", "bob", "--keystore", fixture.Keystore, "--passphrase-file", wrong,
            "--to", fixture.AddressOf("dev-1"), "--amount", "1SER", "--node", Node);
        Assert.Contains("error: wrong passphrase for key 'bob'", failed.StdErr);
        Assert.DoesNotContain("   at ", failed.StdErr);
    }

    [Theory]
    [InlineData("ser1bad")]
    [InlineData("ser10yyphy4fz2nzm65usf9zw8y6mlvddwj3f4zlz4")]
    [InlineData("cosmos10yyphy4fz2nzm65usf9zw8y6mlvddwj3f4zlz3")]
    public async Task TxSend_ToMalformedAddress_IsAUsageError(string address)
    {
        var failed = await Expect(2, "tx", "send", "--from", "dev-0", "--to", address, "--amount", "1SER", "--home", fixture.Home, "--node", Node);
        Assert.StartsWith("error: --to:", failed.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_AgainstClosedPort_ExitOneSayingCannotReach()
    {
        var closed = $"http://127.0.0.1:{TestPorts.Free()}";
        var status = await Expect(1, "status", "--node", closed);
        Assert.Contains($"cannot reach node at {closed}", status.StdErr);
        var send = await Expect(1, "tx", "send", "--from", "dev-0", "--to", fixture.AddressOf("dev-1"), "--amount", "1SER", "--home", fixture.Home, "--node", closed);
        Assert.Contains("cannot reach node", send.StdErr);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ScriptsSeratio_IsExecutable_AndRunsTheCliWithItsExitCode()
    {
        var script = Path.Combine(RepoPaths.Root, "scripts", "seratio");
        Assert.True(File.Exists(script), $"{script} is missing");
        Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable (git update-index --chmod=+x)");

        var ok = await RunScriptAsync(script, "status", "--node", Node);
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Matches(@"(?m)^chain id:\s+seratio-devnet-1$", ok.StdOut);
        var failed = await RunScriptAsync(script, "status", "--node", $"http://127.0.0.1:{TestPorts.Free()}");
        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Contains("cannot reach node", failed.StdErr);
    }

    /// <summary>Runs scripts/seratio itself (its shebang), pointed at the CLI this test run built.</summary>
    private Task<CliResult> RunScriptAsync(string script, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo(script);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["SERATIO_CLI_DLL"] = CliRunner.Dll;
        return CliRunner.RunProcessAsync(info, fixture.Keystore, CliRunner.DefaultTimeout);
    }

    [Fact]
    public async Task MemoWithTerminalEscapes_IsPrintedEscapedAsText_AndExactAsJson()
    {
        const string memo = "\u001b[2J\nevent: transfer FAKE amount=999999SER";
        var to = fixture.AddressOf("dev-2");

        var sent = await Expect(0, "tx", "send", "--from", "dev-0", "--to", to, "--amount", "1SER", "--memo", memo, "--wait",
            "--home", fixture.Home, "--node", Node);
        var hash = Field(sent.StdOut, "tx");
        var text = await Expect(0, "query", "tx", hash, "--node", Node);
        var json = (await Expect(0, "query", "tx", hash, "--node", Node, "-o", "json")).Json();

        foreach (var output in new[] { sent.StdOut, text.StdOut })
        {
            Assert.DoesNotContain('\u001b', output);
            Assert.DoesNotMatch(@"(?m)^event: transfer FAKE", output);
        }
        Assert.Contains(@"memo ""\x1b[2J\nevent: transfer FAKE amount=999999SER""", text.StdOut);
        Assert.Equal(memo, json.GetProperty("msgs")[0].GetProperty("memo").GetString());
    }

    [Fact]
    public async Task Devnet_OnAnAddressInUse_FailsWithoutClaimingToRun()
    {
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port;
        var home = Path.Combine(fixture.Root, "devnet-port-in-use");

        var failed = await Expect(1, "devnet", "--home", home, "--api", $"127.0.0.1:{port}");
        Assert.Contains($"cannot listen on 127.0.0.1:{port}", failed.StdErr);
        // The hint must not suggest --reset, which would wipe the devnet already running.
        Assert.Contains("--home ANOTHER_DIR --api HOST:PORT", failed.StdErr);
        Assert.DoesNotContain("--reset", failed.StdErr);
        Assert.DoesNotContain(DevnetProcess.RunningLine, failed.StdOut);
    }

    [Fact]
    public async Task Devnet_OnSigint_StopsItsNodeAndResumesWithBalancesKept_AndShowsThemInItsBanner()
    {
        var devnet = fixture.Devnet;
        // Whatever ran before, dev-1 now holds more than its genesis balance, so the resumed banner must read the chain.
        await Expect(0, "tx", "send", "--from", "dev-0", "--to", fixture.AddressOf("dev-1"), "--amount", "7SER", "--wait", "--home", fixture.Home, "--node", Node);
        var children = ProcessTable.ChildrenOf(devnet.Pid);
        // One child per validator (devnet runs four by default).
        var nodes = children.Where(pid => ProcessTable.CommandLine(pid).Contains("node start", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(nodes);
        var dev1 = fixture.AddressOf("dev-1");
        var balance = await BalanceAsync(dev1);
        var height = ulong.Parse(Field((await Expect(0, "status", "--node", Node)).StdOut, "height"), CultureInfo.InvariantCulture);

        devnet.Interrupt();
        Assert.True(await devnet.WaitForExitAsync(TimeSpan.FromSeconds(15)), $"devnet did not exit after SIGINT:\n{devnet.Output}");
        Assert.True(devnet.ExitCode == 0, $"devnet exited with {devnet.ExitCode}:\n{devnet.Output}");
        Assert.Contains("devnet stopped", devnet.Output);
        foreach (var node in nodes)
            Assert.False(ProcessTable.IsAlive(node), $"the validator process {node} outlived devnet: {ProcessTable.CommandLine(node)}");
        await Expect(1, "status", "--node", Node);

        await fixture.RestartAsync();
        var resumed = fixture.Devnet.RunningLineText;
        var resumedHeight = ulong.Parse(System.Text.RegularExpressions.Regex.Match(resumed, @"height (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(resumedHeight >= height, $"devnet resumed at height {resumedHeight}, below {height}: {resumed}");
        Assert.Equal(balance, await BalanceAsync(dev1));
        var genesisBalance = fixture.Genesis.Accounts.Single(a => a.Name == "dev-1").Balance;
        Assert.NotEqual(Amount.Parse(genesisBalance), balance);
        var output = fixture.Devnet.Output;
        Assert.Contains($"funded development accounts, balances at height {resumedHeight}", output);
        var dev1Line = output.Split('\n').Single(l => l.StartsWith("  dev-1 ", StringComparison.Ordinal));
        Assert.Contains($"({balance})", dev1Line);
        Assert.DoesNotContain($"({genesisBalance})", dev1Line);
    }

    private async Task<Amount> BalanceAsync(string address)
    {
        var json = (await Expect(0, "query", "account", address, "--node", Node, "-o", "json")).Json();
        return Amount.Parse(json.GetProperty("balance").GetString()!);
    }

    /// <summary>Runs one command and checks its exit code, showing all it printed when the code differs.</summary>
    private async Task<CliResult> Expect(int exitCode, params string[] args)
    {
        var result = await Cli.RunAsync(args);
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}\n{result}");
        return result;
    }

    /// <summary>The value of a "label: value" line of text output.</summary>
    private static string Field(string text, string label)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, $@"(?m)^{System.Text.RegularExpressions.Regex.Escape(label)}:\s+(.*?)\s*$");
        Assert.True(match.Success, $"no '{label}:' line in:\n{text}");
        return match.Groups[1].Value;
    }
}
