using Grpc.Core;
using Seratio.Core.Addressing;
using Seratio.Core.Keys;
using Seratio.Core.Transactions;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Modules;

/// <summary>
/// Organisation (k-of-n) accounts end to end on a real node through the real CLI: create a 2-of-3, fund it, send from it with
/// two keys (committed) and with one (refused with PermissionDenied, the node serving on), collect signatures offline
/// (tx sign, combine, broadcast), rotate its keys (the old set no longer signs, the new one does).
/// </summary>
public sealed class OrganisationAccountsCliTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seratio-cli-org-").FullName;
    private NodeProcess _node = null!;

    public async Task InitializeAsync()
    {
        var home = Path.Combine(_dir, "node");
        Directory.CreateDirectory(home);
        _node = await NodeProcess.StartInAsync(home, new Dictionary<string, string>());
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Test account i's key as a throw-away key file; k1..k5 are accounts 2..6.</summary>
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

    private string K(int i) => KeyFile(i + 1);

    private Task<CliResult> Run(params string[] args) =>
        new CliRunner(Path.Combine(_dir, "keystore")).RunAsync([.. args, "--node", _node.ApiUrl]);

    private Task<CliResult> Offline(params string[] args) => new CliRunner(Path.Combine(_dir, "keystore")).RunAsync(args);

    private async Task<string> Balance(Address address) =>
        (await _node.Client.GetAccountAsync(new GetAccountRequest { Address = address.ToString() })).Balance;

    [Fact]
    public async Task ATwoOfThreeAccount_IsCreatedFundedUsedAndRotated_ThroughTheCli()
    {
        using var payee = TestNetwork.Account(7);

        var created = await Run("account", "create-multisig", "--keys", $"{K(1)},{K(2)},{K(3)}", "--threshold", "2", "--name", "Green NGO",
            "--from", KeyFile(1), "--wait", "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var org = Address.Parse(created.Json().GetProperty("address").GetString()!);
        Assert.Equal("OK", created.Json().GetProperty("receipt").GetProperty("code").GetString());

        var fund = await Run("tx", "send", "--to", org.ToString(), "--amount", "100SER", "--from", KeyFile(1), "--wait");
        Assert.True(fund.ExitCode == 0, fund.ToString());
        var shown = await Run("account", "show", org.ToString(), "-o", "json");
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Equal("organisation", shown.Json().GetProperty("kind").GetString());
        Assert.Equal(2u, shown.Json().GetProperty("threshold").GetUInt32());
        Assert.Equal(3, shown.Json().GetProperty("keys").GetArrayLength());
        Assert.Equal("100000000", shown.Json().GetProperty("balance").GetString());

        // Two keys: committed, paid from the organisation's balance.
        string before = await Balance(payee.Address);
        var two = await Run("tx", "send", "--to", payee.Address.ToString(), "--amount", "1500000", "--from", org.ToString(), "--sign-with", $"{K(1)},{K(3)}", "--wait");
        Assert.True(two.ExitCode == 0, two.ToString());
        Assert.Equal(UInt128.Parse(before) + 1_500_000, UInt128.Parse(await Balance(payee.Address)));

        // One key: refused at admission with the precise status; the node keeps serving.
        var one = await Run("tx", "send", "--to", payee.Address.ToString(), "--amount", "1", "--from", org.ToString(), "--sign-with", K(2), "--wait");
        Assert.Equal(1, one.ExitCode);
        Assert.Contains("the node refused the signatures", one.StdErr);
        Assert.Contains($"organisation account {org} needs 2 signatures of its 3 keys, has 1", one.StdErr);
        var direct = await Assert.ThrowsAsync<RpcException>(async () => await _node.Client.SubmitTxAsync(new SubmitTxRequest { Tx = await OrgTx(org, 2) }));
        Assert.Equal(StatusCode.PermissionDenied, direct.StatusCode);
        Assert.Equal("SignaturesMissing", direct.Trailers.GetValue("seratio-outcome"));
        Assert.True((await _node.Client.GetStatusAsync(new GetStatusRequest())).LatestHeight > 0);

        // Offline: a part from the first signer, one from the second, combined and broadcast.
        string part1 = Path.Combine(_dir, "part1.json"), part2 = Path.Combine(_dir, "part2.json"), txFile = Path.Combine(_dir, "tx.bin");
        var first = await Run("tx", "send", "--to", payee.Address.ToString(), "--amount", "2000000", "--from", org.ToString(), "--sign-with", K(2), "--out", part1);
        Assert.True(first.ExitCode == 0, first.ToString());
        var second = await Offline("tx", "sign", "--body", part1, "--key", K(3), "--out", part2);
        Assert.True(second.ExitCode == 0, second.ToString());
        var combined = await Offline("tx", "combine", part1, part2, "--out", txFile);
        Assert.True(combined.ExitCode == 0, combined.ToString());
        before = await Balance(payee.Address);
        var broadcast = await Run("tx", "broadcast", txFile, "--wait", "-o", "json");
        Assert.True(broadcast.ExitCode == 0, broadcast.ToString());
        Assert.Equal("OK", broadcast.Json().GetProperty("receipt").GetProperty("code").GetString());
        Assert.Equal(UInt128.Parse(before) + 2_000_000, UInt128.Parse(await Balance(payee.Address)));

        // Rotation by the threshold: k1 leaves, k4 joins.
        var rotate = await Run("account", "update-multisig", "--keys", $"{K(2)},{K(3)},{K(4)}", "--threshold", "2", "--from", org.ToString(), "--sign-with", $"{K(1)},{K(2)}", "--wait");
        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        var oldSet = await Run("tx", "send", "--to", payee.Address.ToString(), "--amount", "1", "--from", org.ToString(), "--sign-with", $"{K(1)},{K(2)}", "--wait");
        Assert.Equal(1, oldSet.ExitCode);
        using (var k1 = TestNetwork.Account(2)) Assert.Contains($"key {k1.PublicKey} is not on the list of organisation account {org}", oldSet.StdErr);
        var newSet = await Run("tx", "send", "--to", payee.Address.ToString(), "--amount", "1", "--from", org.ToString(), "--sign-with", $"{K(4)},{K(2)}", "--wait");
        Assert.True(newSet.ExitCode == 0, newSet.ToString());
        var after = await Run("account", "show", org.ToString(), "-o", "json");
        Assert.Equal(4ul, after.Json().GetProperty("nonce").GetUInt64());
    }

    /// <summary>A transfer of 1 base unit from <paramref name="org"/>, signed by test accounts <paramref name="accounts"/>.</summary>
    private async Task<Google.Protobuf.ByteString> OrgTx(Address org, params int[] accounts)
    {
        var account = await _node.Client.GetAccountAsync(new GetAccountRequest { Address = org.ToString() });
        var body = new TxBody { ChainId = TestNetwork.ChainId, Sender = org.ToByteString(), Nonce = account.Nonce, GasLimit = 100_000 };
        using var payee = TestNetwork.Account(7);
        body.Msgs.Add(new Msg { Transfer = new MsgTransfer { To = payee.Address.ToByteString(), Denom = "SER", Amount = "1" } });
        var keys = accounts.Select(TestNetwork.Account).ToList();
        try { return Google.Protobuf.ByteString.CopyFrom(TxDecoder.Sign(body, keys)); }
        finally { keys.ForEach(k => k.Dispose()); }
    }
}
