using System.Text.Json.Nodes;
using Google.Protobuf;
using Seratio.Cli.Tests.Support;
using Seratio.Vm.Modules.Assets;
using Seratio.Vm.State;
using Seratio.Protocol;

namespace Seratio.Cli.Tests.Query;

public sealed class QueryCommandTests : IAsyncLifetime
{
    private const string Address = "ser1m0tz8wxtgglxmh568jg95ayacpsr4x3dp9ardh";
    private FakeNode _node = null!;

    public async Task InitializeAsync() => _node = await FakeNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task QueryAccount_PrintsBalanceInSerAndBaseUnits()
    {
        _node.State.Accounts[Address] = new AccountResponse { Address = Address, Balance = "1500000", Nonce = 3, Height = 41 };

        var run = await new CliRunner().RunAsync("query", "account", Address, "--node", _node.Url);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("1.5 SER (1500000)", run.Out);
        Assert.Contains("nonce:", run.Out);
    }

    [Fact]
    public async Task QueryTx_Unknown_ExitsOneSayingNotFound()
    {
        var run = await new CliRunner().RunAsync("query", "tx", new string('a', 64), "--node", _node.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not found: no transaction " + new string('a', 64), run.Err);
    }

    [Fact]
    public async Task QueryTx_WithControlCharactersInMemoAndEvents_PrintsThemEscapedAsTextAndExactAsJson()
    {
        const string memo = "\u001b[2J\nevent: transfer FAKE amount=999999SER";
        var hash = new string('b', 64);
        var body = new TxBody { ChainId = "seratio-test-1", Sender = ByteString.CopyFrom(new byte[20]), Nonce = 1 };
        body.Msgs.Add(new Msg { Transfer = new MsgTransfer { To = ByteString.CopyFrom(new byte[20]), Denom = "SER", Amount = "1", Memo = memo } });
        var receipt = new Receipt { Code = ResultCode.Ok, Height = 9, Log = "log\r\u001b]0;title\u0007" };
        receipt.Events.Add(new Event { Type = "transfer\nevent: mint", Attributes = { new EventAttribute { Key = "memo", Value = memo } } });
        _node.State.Txs[hash] = new TxResponse
        {
            Tx = new Protocol.Tx { Body = body.ToByteString() }.ToByteString(),
            BlockHash = ByteString.CopyFrom(new byte[32]),
            Receipt = receipt,
        };

        var text = await new CliRunner().RunAsync("query", "tx", hash, "--node", _node.Url);
        var json = await new CliRunner().RunAsync("query", "tx", hash, "--node", _node.Url, "--output", "json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.DoesNotContain('\u001b', text.Out);
        Assert.DoesNotContain('\r', text.Out);
        Assert.DoesNotContain(text.Out.Split('\n'), l => l.StartsWith("event: transfer FAKE", StringComparison.Ordinal) || l.StartsWith("event: mint", StringComparison.Ordinal));
        Assert.Contains(@"memo ""\x1b[2J\nevent: transfer FAKE amount=999999SER""", text.Out);
        Assert.True(json.ExitCode == 0, json.ToString());
        var doc = JsonNode.Parse(json.Out)!;
        Assert.Equal(memo, (string?)doc["msgs"]![0]!["memo"]);
        Assert.Equal(memo, (string?)doc["receipt"]!["events"]![0]!["attributes"]![0]!["value"]);
    }

    [Fact]
    public async Task Status_AsJson_CarriesChainIdAndHeight()
    {
        var run = await new CliRunner().RunAsync("status", "--node", _node.Url, "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal("seratio-test-1", (string?)json["chain_id"]);
        Assert.Equal(41UL, (ulong)json["latest_height"]!);
    }

    [Fact]
    public async Task QueryBlock_WithoutHeight_AsksForTheLatest()
    {
        var run = await new CliRunner().RunAsync("query", "block", "--node", _node.Url, "-o", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(41UL, (ulong)JsonNode.Parse(run.Out)!["height"]!);
    }

    [Fact]
    public async Task QueryAccountProve_AsJson_PrintsADocumentProofVerifyChecksOffline()
    {
        using var dir = new TempDir();
        var key = AccountKeys.Account(Core.Addressing.Address.Parse(Address));
        _node.State.Accounts[Address] = new AccountResponse
        {
            Address = Address, Balance = "1500000", Nonce = 3, Height = 41,
            StateRoot = ByteString.CopyFrom(new byte[32]),
            Proof = new StateProof { Key = key.ToByteString(), Exists = true, Value = new AccountState { Nonce = 3, Balance = "1500000" }.ToByteString() },
        };

        var query = await new CliRunner().RunAsync("query", "account", Address, "--prove", "--output", "json", "--node", _node.Url);
        var doc = JsonNode.Parse(query.Out)!;
        doc["balance"] = "2500000";
        var verify = await new CliRunner().RunAsync("proof", "verify", dir.Write("proof.json", doc.ToJsonString()));

        Assert.True(query.ExitCode == 0, query.ToString());
        Assert.Equal("seratio-test-1", (string?)JsonNode.Parse(query.Out)!["chain_id"]);
        Assert.Equal(key.ToString(), (string?)JsonNode.Parse(query.Out)!["key"]);
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("holds balance 1500000, the document claims 2500000", verify.Out);
    }
}
