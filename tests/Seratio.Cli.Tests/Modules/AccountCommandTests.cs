using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Seratio.Cli.Tests.Support;
using Seratio.Core.Crypto;
using Seratio.Core.Keys;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Modules.Organisations;

namespace Seratio.Cli.Tests.Modules;

/// <summary>
/// <c>seratio account …</c>, <c>--from ORG --sign-with</c> and <c>tx sign|combine|broadcast</c> against a scripted
/// node: the exact transaction signed, the address printed, usage errors (exit 2) before any key is opened,
/// and combine refusing parts over different bodies.
/// </summary>
public sealed class AccountCommandTests : IAsyncLifetime
{
    private const string Chain = "seratio-test-1";
    private readonly TempDir _dir = new();
    private readonly SigningKey[] _keys = [.. Enumerable.Range(1, 3).Select(i => SigningKey.ForTesting($"cli-tests/org-k{i}"))];
    private readonly SigningKey _payer = SigningKey.ForTesting("cli-tests/org-payer");
    private static readonly Core.Addressing.Address Org = Multisig.AddressFor(Hash32.Sha256("cli-org"u8), 0);
    private FakeNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await FakeNode.StartAsync();
        for (int i = 0; i < _keys.Length; i++) UnsafeKeyFile.Write(KeyFile(i), _keys[i]);
        UnsafeKeyFile.Write(_dir.File("payer.devnet-unsafe.key"), _payer);
        _node.State.Accounts[Org.ToString()] = new AccountResponse { Address = Org.ToString(), Balance = "5000", Nonce = 7, Height = 41 };
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        foreach (var key in _keys) key.Dispose();
        _payer.Dispose();
        _dir.Dispose();
    }

    private string KeyFile(int i) => _dir.File($"k{i + 1}.devnet-unsafe.key");

    private Task<CliRun> Run(params string[] args) =>
        new CliRunner().RunAsync([.. args, "--keystore", _dir.File("no-keystore"), "--node", _node.Url]);

    private Task<CliRun> Offline(params string[] args) => new CliRunner().RunAsync(args);

    private Task<CliRun> Query(params string[] args) => new CliRunner().RunAsync([.. args, "--node", _node.Url]);

    private SignedTx Submitted()
    {
        var request = Assert.Single(_node.State.Submitted);
        Assert.Equal(TxFormatError.None, TxDecoder.TryDecode(request.Tx.Memory, Chain, TxDecoder.MaxTxBytes, out var tx, out var reason));
        Assert.True(tx is not null, reason);
        Assert.True(TxDecoder.VerifySignatures(tx!));
        return tx!;
    }

    [Fact]
    public async Task CreateMultisig_SignsTheKeysAndThreshold_AndPrintsTheAddressFromTheReceipt()
    {
        var created = new Event { Type = CreateMultisigHandler.EventType };
        created.Attributes.Add(new EventAttribute { Key = "address", Value = Org.ToString() });
        _node.State.CommitReceipt = new Receipt { Height = 42, Code = ResultCode.Ok, Fee = "0", Events = { created } };

        var run = await Run("account", "create-multisig", "--keys", $"{KeyFile(0)},{_keys[1].PublicKey},{KeyFile(2)}", "--threshold", "2",
            "--name", "Green NGO", "--from", _dir.File("payer.devnet-unsafe.key"), "--wait", "-o", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Org.ToString(), JsonDocument.Parse(run.Out).RootElement.GetProperty("address").GetString());
        var tx = Submitted();
        Assert.Equal(_payer.Address, tx.Sender);
        var create = Assert.Single(tx.Body.Msgs).CreateMultisig;
        Assert.Equal(2u, create.Threshold);
        Assert.Equal("Green NGO", create.Name);
        Assert.Equal(_keys.Select(k => k.PublicKey.ToByteString()), create.PublicKeys);
    }

    [Fact]
    public async Task CreateMultisig_WithoutWait_PrintsTheAddressDerivedFromTheTxHash()
    {
        var run = await Run("account", "create-multisig", "--keys", $"{_keys[0].PublicKey},{_keys[1].PublicKey}", "--threshold", "1",
            "--from", _dir.File("payer.devnet-unsafe.key"));
        Assert.True(run.ExitCode == 0, run.ToString());
        var tx = Submitted();
        Assert.Contains(Multisig.AddressFor(tx.Hash, 0) + " (once committed)", run.Out);
    }

    [Theory]
    [InlineData("--threshold 3", "--threshold 3 is more than the 2 keys listed")]
    [InlineData("--threshold 0", "--threshold is 0")]
    [InlineData("--threshold 1 --dup", "twice")]
    [InlineData("--threshold 1 --bad", "is neither a public key")]
    [InlineData("--threshold 1 --long-name", "name is 65 UTF-8 bytes")]
    public async Task CreateMultisig_BadValues_AreUsageErrors_BeforeAnyKeyIsOpened(string flags, string message)
    {
        string keys = $"{_keys[0].PublicKey},{_keys[1].PublicKey}";
        if (flags.Contains("--dup", StringComparison.Ordinal)) keys = $"{_keys[0].PublicKey},{_keys[0].PublicKey}";
        if (flags.Contains("--bad", StringComparison.Ordinal)) keys = $"{_keys[0].PublicKey},nonsense";
        string[] name = flags.Contains("--long-name", StringComparison.Ordinal) ? ["--name", new string('x', 65)] : [];
        var threshold = flags.Split(' ')[1];
        var run = await Run(["account", "create-multisig", "--keys", keys, "--threshold", threshold, .. name, "--from", _dir.File("no-such-key")]);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Err);
        Assert.Empty(_node.State.Submitted);
    }

    [Fact]
    public async Task SendFromAnOrganisation_SignWith_SignsTheSameBodyWithEachKey_AtTheOrganisationsNonce()
    {
        var run = await Run("tx", "send", "--to", _payer.Address.ToString(), "--amount", "1500", "--from", Org.ToString(), "--sign-with", $"{KeyFile(0)},{KeyFile(2)}");
        Assert.True(run.ExitCode == 0, run.ToString());
        var tx = Submitted();
        Assert.Equal(Org, tx.Sender);
        Assert.Equal(7ul, tx.Nonce);
        Assert.Equal([_keys[0].PublicKey, _keys[2].PublicKey], tx.Signers);
    }

    [Theory]
    [InlineData("--sign-with", "k1,,k2", "without empty entries")]
    [InlineData("--sign-with", "k1,k1", "names 'k1' twice")]
    public async Task SignWith_BadLists_AreUsageErrors(string option, string value, string message)
    {
        var run = await Run("tx", "send", "--to", _payer.Address.ToString(), "--amount", "1", "--from", Org.ToString(), option, value);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Err);
    }

    [Fact]
    public async Task SignWith_AndAKeyNameInFrom_IsAUsageError()
    {
        var run = await Run("tx", "send", "--to", _payer.Address.ToString(), "--amount", "1", "--from", KeyFile(0), "--sign-with", KeyFile(1));
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--from must be an organisation account's address", run.Err);
    }

    [Fact]
    public async Task RefusedForMissingSignatures_ExitsOne_WithTheNodesMessage()
    {
        _node.State.SubmitError = new Status(StatusCode.PermissionDenied, $"organisation account {Org} needs 2 signatures of its 3 keys, has 1; missing: 1 more of the keys …");
        var run = await Run("tx", "send", "--to", _payer.Address.ToString(), "--amount", "1", "--from", Org.ToString(), "--sign-with", KeyFile(0));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("needs 2 signatures of its 3 keys, has 1", run.Err);
    }

    [Fact]
    public async Task SignCombineBroadcast_CollectsTheSignaturesOffline_AndSubmitsOneTransaction()
    {
        string part1 = _dir.File("part1.json"), part2 = _dir.File("part2.json"), txFile = _dir.File("tx.bin");
        var first = await Run("tx", "send", "--to", _payer.Address.ToString(), "--amount", "10", "--from", Org.ToString(), "--sign-with", KeyFile(0), "--out", part1);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Empty(_node.State.Submitted);

        var second = await Offline("tx", "sign", "--body", part1, "--key", KeyFile(1), "--out", part2, "--keystore", _dir.File("no-keystore"));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Transfer", second.Out);
        var combined = await Offline("tx", "combine", part1, part2, "--out", txFile);
        Assert.True(combined.ExitCode == 0, combined.ToString());

        var sent = await Query("tx", "broadcast", txFile, "--wait", "-o", "json");
        Assert.True(sent.ExitCode == 0, sent.ToString());
        var tx = Submitted();
        Assert.Equal(Org, tx.Sender);
        Assert.Equal([_keys[0].PublicKey, _keys[1].PublicKey], tx.Signers);
        Assert.Equal(2, JsonDocument.Parse(sent.Out).RootElement.GetProperty("signatures").GetInt32());
    }

    [Fact]
    public async Task Combine_RefusesPartsOverDifferentBodies_NamingThem()
    {
        string a = _dir.File("a.json"), b = _dir.File("b.json");
        Assert.Equal(0, (await Run("tx", "send", "--to", _payer.Address.ToString(), "--amount", "10", "--from", Org.ToString(), "--sign-with", KeyFile(0), "--out", a)).ExitCode);
        Assert.Equal(0, (await Run("tx", "send", "--to", _payer.Address.ToString(), "--amount", "11", "--from", Org.ToString(), "--sign-with", KeyFile(1), "--out", b)).ExitCode);
        var run = await Offline("tx", "combine", a, b, "--out", _dir.File("tx.bin"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{b} signs another transaction than {a}", run.Err);
        Assert.False(File.Exists(_dir.File("tx.bin")));
    }

    [Fact]
    public async Task Combine_RefusesAForgedPart_NamingTheFileAndKey()
    {
        string a = _dir.File("a.json");
        Assert.Equal(0, (await Run("tx", "send", "--to", _payer.Address.ToString(), "--amount", "10", "--from", Org.ToString(), "--sign-with", KeyFile(0), "--out", a)).ExitCode);
        var text = File.ReadAllText(a);
        var signature = JsonDocument.Parse(text).RootElement.GetProperty("signatures")[0].GetProperty("signature").GetString()!;
        File.WriteAllText(a, text.Replace(signature, (signature[0] == '0' ? "1" : "0") + signature[1..], StringComparison.Ordinal));
        var run = await Offline("tx", "combine", a, "--out", _dir.File("tx.bin"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{a}: the signature of key {_keys[0].PublicKey} does not verify", run.Err);
    }

    [Fact]
    public async Task Sign_WithoutBody_IsAUsageError_AndForAnotherAccount_SignsNothing()
    {
        var missing = await Offline("tx", "sign", "--key", KeyFile(1), "--out", _dir.File("p.json"));
        Assert.Equal(2, missing.ExitCode);
        string a = _dir.File("a.json");
        Assert.Equal(0, (await Run("tx", "send", "--to", _payer.Address.ToString(), "--amount", "10", "--from", Org.ToString(), "--sign-with", KeyFile(0), "--out", a)).ExitCode);
        var other = await Offline("tx", "sign", "--body", a, "--from", _payer.Address.ToString(), "--key", KeyFile(1), "--out", _dir.File("p.json"), "--keystore", _dir.File("no-keystore"));
        Assert.Equal(1, other.ExitCode);
        Assert.Contains($"is a transaction of {Org}, not of --from {_payer.Address}", other.Err);
        Assert.False(File.Exists(_dir.File("p.json")));
        var same = await Offline("tx", "sign", "--body", a, "--from", Org.ToString(), "--key", KeyFile(1), "--out", _dir.File("p.json"), "--keystore", _dir.File("no-keystore"));
        Assert.True(same.ExitCode == 0, same.ToString());
    }

    [Fact]
    public async Task Show_AnOrganisation_PrintsItsKeysAndThreshold_AndAKeyAccountAsSuch()
    {
        var state = new MultisigAccountState { Address = Org.ToByteString(), Threshold = 2, Name = "Green NGO", Creator = _payer.Address.ToByteString() };
        foreach (var k in _keys) state.PublicKeys.Add(k.PublicKey.ToByteString());
        _node.State.MultisigAccounts[Org.ToString()] = new MultisigAccountResponse { Account = state, Nonce = 7, Balance = "5000", Height = 41 };

        var org = await Query("account", "show", Org.ToString());
        Assert.True(org.ExitCode == 0, org.ToString());
        Assert.Contains("organisation account, 2 of 3 keys", org.Out);
        Assert.Contains(_keys[2].PublicKey.ToString(), org.Out);

        var key = await Query("account", "show", _payer.Address.ToString(), "-o", "json");
        Assert.True(key.ExitCode == 0, key.ToString());
        Assert.Equal("key", JsonDocument.Parse(key.Out).RootElement.GetProperty("kind").GetString());

        var bad = await Query("account", "show", "ser1nonsense");
        Assert.Equal(2, bad.ExitCode);
    }
}
