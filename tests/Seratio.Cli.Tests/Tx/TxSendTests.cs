using System.Text.Json.Nodes;
using Grpc.Core;
using Seratio.Cli.Tests.Support;
using Seratio.Core.Crypto;
using Seratio.Core.Keys;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Cli.Tests.Tx;

public sealed class TxSendTests : IAsyncLifetime
{
    private const string Recipient = "ser10yyphy4fz2nzm65usf9zw8y6mlvddwj3f4zlz3";
    private readonly TempDir _dir = new();
    private readonly SigningKey _sender = SigningKey.ForTesting("devnet/dev-0");
    private FakeNode _node = null!;
    private string _home = "";

    public async Task InitializeAsync()
    {
        _node = await FakeNode.StartAsync();
        _home = _dir.File("devnet");
        Directory.CreateDirectory(Path.Combine(_home, "keys"));
        UnsafeKeyFile.Write(Path.Combine(_home, "keys", "dev-0.devnet-unsafe.key"), _sender);
        _node.State.Accounts[_sender.Address.ToString()] = new AccountResponse { Address = _sender.Address.ToString(), Balance = "1000000000000", Nonce = 7, Height = 41 };
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _sender.Dispose();
        _dir.Dispose();
    }

    private Task<CliRun> Send(params string[] extra) =>
        new CliRunner().RunAsync(["tx", "send", "--from", "dev-0", "--to", Recipient, "--home", _home, "--keystore", _dir.File("no-keystore"), "--node", _node.Url, .. extra]);

    private (SignedTx Tx, MsgTransfer Transfer) SingleSubmitted()
    {
        var request = Assert.Single(_node.State.Submitted);
        var error = TxDecoder.TryDecode(request.Tx.Memory, _node.State.Status.ChainId, TxDecoder.MaxTxBytes, out var tx, out var reason);
        Assert.True(error == TxFormatError.None, reason);
        Assert.True(TxDecoder.VerifySignatures(tx!));
        return (tx!, tx!.Body.Msgs[0].Transfer);
    }

    [Theory]
    [InlineData("10SER", "10000000")]
    [InlineData("0.5SER", "500000")]
    [InlineData("1.000001ser", "1000001")]
    [InlineData("1500000", "1500000")]
    [InlineData("1000000SER", "1000000000000")]
    public async Task Send_ParsesTheAmountIntoBaseUnits(string amount, string baseUnits)
    {
        var run = await Send("--amount", amount);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(baseUnits, SingleSubmitted().Transfer.Amount);
    }

    [Theory]
    [InlineData("1.1234567SER", "6 decimals")]
    [InlineData("-1SER", "not a decimal amount")]
    [InlineData("ten", "digits only")]
    [InlineData("0SER", "more than zero")]
    [InlineData("01", "leading zero")]
    [InlineData("1e6SER", "not a decimal amount")]
    public async Task Send_WithUnusableAmount_ExitsTwoAndSubmitsNothing(string amount, string message)
    {
        var run = await Send("--amount", amount);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Err);
        Assert.Empty(_node.State.Submitted);
    }

    [Fact]
    public async Task Send_SignsABodyWithTheNodesChainNonceAndExpiry()
    {
        var run = await Send("--amount", "2SER", "--memo", "thanks", "--gas-limit", "50000", "--gas-price", "3", "--expiry-blocks", "20");

        Assert.True(run.ExitCode == 0, run.ToString());
        var (tx, transfer) = SingleSubmitted();
        Assert.Equal(_sender.Address, tx.Sender);
        Assert.Equal("seratio-test-1", tx.Body.ChainId);
        Assert.Equal(7UL, tx.Body.Nonce);
        Assert.Equal(50_000UL, tx.Body.GasLimit);
        Assert.Equal(3UL, tx.Body.GasPrice);
        Assert.Equal(41UL + 20, tx.Body.ExpiryHeight);
        Assert.Equal("SER", transfer.Denom);
        Assert.Equal("thanks", transfer.Memo);
        Assert.Equal(Core.Addressing.Address.Parse(Recipient).ToByteString(), transfer.To);
        Assert.Equal(SubmitMode.Admit, _node.State.Submitted.Single().Mode);
        Assert.Contains(tx.Hash.ToString(), run.Out);
    }

    [Fact]
    public async Task Send_WithWait_SubmitsForCommitAndPrintsTheReceipt()
    {
        var run = await Send("--amount", "1SER", "--wait", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(SubmitMode.Commit, _node.State.Submitted.Single().Mode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal("OK", (string?)json["receipt"]!["code"]);
        Assert.Equal(42UL, (ulong)json["receipt"]!["height"]!);
        Assert.Equal(SingleSubmitted().Tx.Hash.ToString(), (string?)json["tx_hash"]);
    }

    [Fact]
    public async Task Send_WithWait_WhenReceiptIsNotOk_ExitsOneAndShowsTheLog()
    {
        _node.State.CommitReceipt = new Receipt { Code = ResultCode.InsufficientFunds, Log = "balance 5 < 1000000", Height = 42 };

        var run = await Send("--amount", "1SER", "--wait");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("INSUFFICIENT_FUNDS", run.Out);
        Assert.Contains("balance 5 < 1000000", run.Out);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public async Task Send_WithWait_WhenReceiptIsFrozen_SaysSoOnStderr(string output)
    {
        _node.State.CommitReceipt = new Receipt { Code = ResultCode.Frozen, Log = "lot 3 is frozen: audit\u001b[2J", Height = 42 };

        var run = await Send("--amount", "1SER", "--wait", "--output", output);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: transaction ", line);
        Assert.Contains(@"failed: FROZEN: lot 3 is frozen: audit\x1b[2J", line);
    }

    [Fact]
    public async Task Send_RejectedByTheNode_ExitsOneWithTheReasonInPlainWords()
    {
        _node.State.SubmitError = new Status(StatusCode.FailedPrecondition, "nonce 7 already used; next is 8");

        var run = await Send("--amount", "1SER");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the node refused the request in its current state: nonce 7 already used; next is 8", run.Err);
    }

    [Fact]
    public async Task Send_FromKeystoreKey_UnlocksItWithThePassphraseFile()
    {
        var keystore = _dir.File("keystore");
        var pass = _dir.Write("pass", "pw");
        using var key = SigningKey.ForTesting("cli/keystore-sender");
        new Keystore(keystore, KdfParameters.Fast).Import("treasury", key.ExportSeed(), "pw");

        var run = await new CliRunner().RunAsync("tx", "send", "--from", "treasury", "--to", Recipient, "--amount", "1SER",
            "--keystore", keystore, "--passphrase-file", pass, "--home", _home, "--node", _node.Url);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(key.Address, SingleSubmitted().Tx.Sender);
    }

    [Fact]
    public async Task Send_FromUnknownKey_ExitsTwoNamingWhereItLooked()
    {
        var run = await new CliRunner().RunAsync("tx", "send", "--from", "ghost", "--to", Recipient, "--amount", "1SER",
            "--keystore", _dir.File("keystore"), "--home", _home, "--node", _node.Url);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no key 'ghost'", run.Err);
    }
}
