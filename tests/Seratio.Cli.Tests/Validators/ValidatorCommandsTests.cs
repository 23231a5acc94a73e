using System.Text.Json.Nodes;
using Google.Protobuf;
using Seratio.Cli.Tests.Support;
using Seratio.Core.Crypto;
using Seratio.Core.Keys;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Cli.Tests.Validators;

public sealed class ValidatorCommandsTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private readonly SigningKey _authority = SigningKey.ForTesting("devnet/dev-0");
    private readonly SigningKey _validator = SigningKey.ForTesting("cli-tests/validator");
    private FakeNode _node = null!;
    private string _home = "";

    public async Task InitializeAsync()
    {
        _node = await FakeNode.StartAsync();
        _home = _dir.File("devnet");
        Directory.CreateDirectory(Path.Combine(_home, "keys"));
        UnsafeKeyFile.Write(Path.Combine(_home, "keys", "dev-0.devnet-unsafe.key"), _authority);
        _node.State.Accounts[_authority.Address.ToString()] = new AccountResponse { Address = _authority.Address.ToString(), Balance = "1", Nonce = 3, Height = 41 };
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _authority.Dispose();
        _validator.Dispose();
        _dir.Dispose();
    }

    private string KeyHex => Convert.ToHexStringLower(_validator.PublicKey.ToArray());

    private Task<CliRun> SetValidator(params string[] extra) =>
        new CliRunner().RunAsync(["tx", "set-validator", "--from", "dev-0", "--home", _home, "--keystore", _dir.File("no-keystore"), "--node", _node.Url, .. extra]);

    [Fact]
    public async Task SetValidator_SignsOneMsgSetValidator_WithTheNodesNonce()
    {
        var run = await SetValidator("--pubkey", KeyHex, "--power", "25", "--name", "city-of-x", "--wait");

        Assert.True(run.ExitCode == 0, run.ToString());
        var request = Assert.Single(_node.State.Submitted);
        Assert.Equal(TxFormatError.None, TxDecoder.TryDecode(request.Tx.Memory, "seratio-test-1", TxDecoder.MaxTxBytes, out var tx, out _));
        Assert.True(TxDecoder.VerifySignatures(tx!));
        Assert.Equal(_authority.Address, tx!.Sender);
        Assert.Equal(3UL, tx.Body.Nonce);
        var msg = Assert.Single(tx.Body.Msgs).SetValidator;
        Assert.Equal(_validator.PublicKey.ToByteString(), msg.PublicKey);
        Assert.Equal(25UL, msg.Power);
        Assert.Equal("city-of-x", msg.Name);
        Assert.Equal(SubmitMode.Commit, request.Mode);
    }

    [Theory]
    [InlineData("abcd", "64 hex digits")]
    [InlineData("zz", "64 hex digits")]
    public async Task SetValidator_WithABadKey_ExitsTwoAndSubmitsNothing(string pubkey, string message)
    {
        var run = await SetValidator("--pubkey", pubkey, "--power", "1");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Err);
        Assert.Empty(_node.State.Submitted);
    }

    [Fact]
    public async Task SetValidator_RefusedByTheChain_ExitsOne()
    {
        _node.State.CommitReceipt = new Receipt { Height = 42, Code = ResultCode.Unauthorized, Log = "message 0 (set_validator): only the authority account may send this message", Fee = "0" };

        var run = await SetValidator("--pubkey", KeyHex, "--power", "0", "--wait");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("only the authority", run.Out);
    }

    [Fact]
    public async Task Validators_PrintsTheSetAsJson_ForTheAskedHeight()
    {
        _node.State.Validators = new ValidatorsResponse
        {
            Height = 7, TotalPower = 25, ValidatorsHash = ByteString.CopyFrom(new byte[32]),
            Validators = { new ValidatorInfo { PublicKey = _validator.PublicKey.ToByteString(), Address = _validator.Address.ToString(), Power = 25, Name = "city" } },
        };

        var run = await new CliRunner().RunAsync(["validators", "--height", "7", "--node", _node.Url, "--output", "json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(7UL, Assert.Single(_node.State.ValidatorRequests).Height);
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal(25UL, json["total_power"]!.GetValue<ulong>());
        Assert.Equal(KeyHex, json["validators"]![0]!["public_key"]!.GetValue<string>());
        Assert.Equal("city", json["validators"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task EvidenceList_PrintsEachRecord()
    {
        _node.State.Evidence = new EvidenceResponse
        {
            Total = 1,
            Evidence = { new EvidenceRecord { Hash = ByteString.CopyFrom(new byte[32]), Validator = _validator.PublicKey.ToByteString(), Height = 5, Round = 1, Type = VoteType.Prevote, IncludedHeight = 6, Jailed = true } },
        };

        var run = await new CliRunner().RunAsync(["evidence", "list", "--node", _node.Url]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"validator {KeyHex}", run.Out);
        Assert.Contains("height 5 round 1 prevote", run.Out);
        Assert.Contains("jailed", run.Out);
    }

    [Fact]
    public async Task EvidenceList_WithAnOutOfRangeLimit_ExitsTwo()
    {
        var run = await new CliRunner().RunAsync(["evidence", "list", "--limit", "5000", "--node", _node.Url]);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--limit", run.Err);
    }
}
