using Google.Protobuf;
using Seratio.Cli.Tests.Support;
using Seratio.Core.Crypto;
using Seratio.Core.Keys;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Cli.Tests.Modules;

/// <summary>
/// <c>seratio daf</c> and <c>seratio grant</c>'s transaction commands against a scripted node: the exact message each
/// signs (a proposal's messages from a sub-form or a file), the proposal id a submission prints from its receipt, a
/// refusal's code by name with exit 1, and usage errors (exit 2) before any key is opened.
/// </summary>
public sealed class DafCommandTests : IAsyncLifetime
{
    private const string Dev3 = "ser19je9rnvkxf5crm0nfm5d69y05336fd8nxxz9tw";
    private const string Dev1 = "ser10yyphy4fz2nzm65usf9zw8y6mlvddwj3f4zlz3";
    private readonly TempDir _dir = new();
    private readonly SigningKey _member = SigningKey.ForTesting("cli-tests/daf-member");
    private FakeNode _node = null!;
    private string _keyFile = "";

    public async Task InitializeAsync()
    {
        _node = await FakeNode.StartAsync();
        _keyFile = _dir.File("member.devnet-unsafe.key");
        UnsafeKeyFile.Write(_keyFile, _member);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _member.Dispose();
        _dir.Dispose();
    }

    private Task<CliRun> Run(string commandLine, string from = "") =>
        new CliRunner().RunAsync([
            .. commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            "--from", from.Length > 0 ? from : _keyFile, "--keystore", _dir.File("no-keystore"), "--node", _node.Url]);

    private Msg Sent()
    {
        var request = Assert.Single(_node.State.Submitted);
        Assert.Equal(TxFormatError.None, TxDecoder.TryDecode(request.Tx.Memory, "seratio-test-1", TxDecoder.MaxTxBytes, out var tx, out var reason));
        Assert.True(tx is not null, reason);
        Assert.Equal(_member.Address, tx!.Sender);
        return Assert.Single(tx.Body.Msgs);
    }

    [Fact]
    public async Task ProposeGrantRole_SignsOneProposalCarryingTheGrant_AndPrintsTheIdFromTheReceipt()
    {
        var opened = new Event { Type = "daf.proposal" };
        opened.Attributes.Add(new EventAttribute { Key = "id", Value = "7" });
        _node.State.CommitReceipt = new Receipt { Height = 12, Code = ResultCode.Ok, Fee = "0", Events = { opened } };

        var run = await Run($"daf propose grant-role --title Accredit --account {Dev3} --role issuer --method esg --method sroi --deposit 100000000 --wait");

        Assert.True(run.ExitCode == 0, run.ToString());
        var submit = Sent().SubmitProposal;
        Assert.Equal(("Accredit", "100000000", false), (submit.Title, submit.InitialDeposit, submit.Expedited));
        var grant = Assert.Single(submit.Msgs).GrantRole;
        Assert.Equal(Role.Issuer, grant.Role);
        Assert.Equal(["esg", "sroi"], grant.Methods);
        Assert.Equal(Dev3, new global::Seratio.Core.Addressing.Address(grant.Account.Span).ToString());
        Assert.Contains("proposal: 7", run.Out);
    }

    [Fact]
    public async Task ProposeMsgFile_CarriesEveryMessageOfTheFile_InOrder()
    {
        var account = global::Seratio.Core.Addressing.Address.TryParse(Dev3, out var a, out _) ? a : throw new InvalidOperationException();
        var file = _dir.File("msgs.json");
        string accountB64 = Convert.ToBase64String(account.ToArray()), hashB64 = Convert.ToBase64String(new byte[32]);
        File.WriteAllText(file,
            "{\"msgs\": [" +
            "{\"grantRole\": {\"account\": \"" + accountB64 + "\", \"role\": \"ROLE_ISSUER\", \"methods\": [\"esg\"]}}," +
            "{\"registerMethod\": {\"id\": \"esg\", \"version\": 1, \"description\": \"ESG\", \"documentHash\": \"" + hashB64 + "\"}}" +
            "]}");

        var run = await Run($"daf propose --title Two --msg-file {file} --deposit 5 --expedited");

        Assert.True(run.ExitCode == 0, run.ToString());
        var submit = Sent().SubmitProposal;
        Assert.True(submit.Expedited);
        Assert.Equal([Msg.KindOneofCase.GrantRole, Msg.KindOneofCase.RegisterMethod], submit.Msgs.Select(m => m.KindCase));
        Assert.Equal("esg", submit.Msgs[1].RegisterMethod.Id);
    }

    [Fact]
    public async Task ProposeForms_SignTheAuthorityMessagesAsWritten()
    {
        Assert.Equal(0, (await Run($"daf propose transfer --title Pay --to {Dev1} --amount 5000 --memo thanks --deposit 1")).ExitCode);
        var transfer = Assert.Single(Sent().SubmitProposal.Msgs).Transfer;
        Assert.Equal(("SER", "5000", "thanks"), (transfer.Denom, transfer.Amount, transfer.Memo));

        _node.State.Submitted.Clear();
        Assert.Equal(0, (await Run("daf propose halt-market --title Halt --market 4 --reason audit --expedited --deposit 1")).ExitCode);
        var halt = Sent().SubmitProposal;
        Assert.Equal((4UL, true, "audit", true), (halt.Msgs[0].HaltMarket.MarketId, halt.Msgs[0].HaltMarket.Halted, halt.Msgs[0].HaltMarket.Reason, halt.Expedited));

        _node.State.Submitted.Clear();
        Assert.Equal(0, (await Run($"daf propose set-members --title Council --member {Dev3}:2 --member {Dev1} --deposit 1")).ExitCode);
        var members = Assert.Single(Sent().SubmitProposal.Msgs).SetDafMembers.Members;
        // Ascending address, as the chain stores the council; weight 1 when left out.
        Assert.Equal([(Dev1, 1UL), (Dev3, 2UL)], members.Select(m => (new global::Seratio.Core.Addressing.Address(m.Address.Span).ToString(), m.Weight)));

        _node.State.Submitted.Clear();
        var key = Convert.ToHexStringLower(SigningKey.ForTesting("cli-tests/v5").PublicKey.ToArray());
        Assert.Equal(0, (await Run($"daf propose set-validator --title Add --pubkey {key} --power 10 --name v5 --deposit 1")).ExitCode);
        var set = Assert.Single(Sent().SubmitProposal.Msgs).SetValidator;
        Assert.Equal((key, 10UL, "v5"), (Convert.ToHexStringLower(set.PublicKey.ToByteArray()), set.Power, set.Name));
    }

    [Fact]
    public async Task DepositVoteHandOverAndGrants_SignTheirMessages()
    {
        Assert.Equal(0, (await Run("daf deposit 3 75000000")).ExitCode);
        Assert.Equal((3UL, "75000000"), (Sent().DepositProposal.ProposalId, Sent().DepositProposal.Amount));
        _node.State.Submitted.Clear();
        Assert.Equal(0, (await Run("daf vote 3 veto")).ExitCode);
        Assert.Equal(VoteOption.Veto, Sent().Vote.Option);
        _node.State.Submitted.Clear();
        Assert.Equal(0, (await Run("daf hand-over")).ExitCode);
        Assert.Equal(global::Seratio.Vm.Modules.Daf.Daf.Address.ToByteString(), Sent().HandOverAuthority.To);
        _node.State.Submitted.Clear();
        Assert.Equal(0, (await Run($"grant request --title Seeds --beneficiary {Dev1} --amount 100")).ExitCode);
        Assert.Equal(("Seeds", "100"), (Sent().RequestGrant.Title, Sent().RequestGrant.Amount));
        _node.State.Submitted.Clear();
        Assert.Equal(0, (await Run("grant stake 0 40")).ExitCode); // 0: the abstain bucket
        Assert.Equal((0UL, "40"), (Sent().StakeGrant.GrantId, Sent().StakeGrant.Amount));
        _node.State.Submitted.Clear();
        Assert.Equal(0, (await Run("grant unstake 2 40")).ExitCode);
        Assert.Equal((2UL, "40"), (Sent().UnstakeGrant.GrantId, Sent().UnstakeGrant.Amount));
        _node.State.Submitted.Clear();
        Assert.Equal(0, (await Run("grant withdraw 2")).ExitCode);
        Assert.Equal(2UL, Sent().WithdrawGrant.GrantId);
    }

    [Fact]
    public async Task Vote_FailedReceipt_PrintsTheDafCodeByName_AndExitsOne()
    {
        _node.State.CommitReceipt = new Receipt { Height = 42, Code = ResultCode.NotAMember, Log = "message 0 (vote): ser1... is not a member of the DAF's council", Fee = "0" };

        var run = await Run("daf vote 1 yes --wait");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("NOT_A_MEMBER", run.Err);
        Assert.Contains("not a member of the DAF's council", run.Err);
    }

    [Theory]
    [InlineData("daf vote 1 maybe", "vote 'maybe' is not one")]
    [InlineData("daf vote 0 yes", "proposal ids start at 1")]
    [InlineData("daf deposit 1 -5", "amount")]
    [InlineData("daf deposit 1 0", "amount must be more than zero")]
    [InlineData("daf propose grant-role --title T --account ser1nope --role issuer --deposit 1", "--account:")]
    [InlineData("daf propose grant-role --title T --account " + Dev3 + " --role king --deposit 1", "role 'king' is unknown")]
    [InlineData("daf propose grant-role --title T --account " + Dev3 + " --role rewarding-body --method esg --deposit 1", "--method applies to the issuer role only")]
    [InlineData("daf propose --title T --deposit 1.5", "--deposit")]
    [InlineData("daf propose --title T --hash abc --deposit 1", "--hash")]
    [InlineData("daf propose --title T --msg-file /no/such/file.json --deposit 1", "does not exist")]
    [InlineData("daf propose set-members --title T --member " + Dev3 + ":0 --deposit 1", "weight after ':' must be a whole number of at least 1")]
    [InlineData("daf propose set-members --title T --member " + Dev3 + " --member " + Dev3 + " --deposit 1", "is given twice")]
    [InlineData("daf propose set-params --title T --set no_such_field=1 --deposit 1", "DafParams has no field 'no_such_field'")]
    [InlineData("daf propose set-params --title T --set voting_period=-1 --deposit 1", "--set voting_period=-1")]
    [InlineData("daf propose set-params --title T --set voting_period --deposit 1", "is not FIELD=VALUE")]
    [InlineData("daf propose halt-market --title T --market 1 --deposit 1", "--reason is required")]
    [InlineData("daf propose transfer --title T --to " + Dev1 + " --amount 0 --deposit 1", "--amount must be more than zero")]
    [InlineData("daf propose register-method --title T --method bad! --description D --document-hash ab --deposit 1", "method")]
    [InlineData("daf set-members --member nope", "--member:")]
    [InlineData("grant request --title T --beneficiary " + Dev1 + " --amount 0", "--amount must be more than zero")]
    [InlineData("grant stake 1 x", "amount")]
    [InlineData("grant withdraw 0", "grant ids start at 1")]
    public async Task BadValue_IsAUsageError_BeforeAnyKeyIsOpened(string commandLine, string message)
    {
        var run = await Run(commandLine, from: _dir.File("no-such-key.devnet-unsafe.key"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Err);
        Assert.DoesNotContain("no-such-key", run.Err);
        Assert.Empty(_node.State.Submitted);
    }

    [Fact]
    public async Task MsgFile_ThatIsNotAListOfMessages_IsAUsageErrorNamingTheMessage()
    {
        var notJson = _dir.File("a.json");
        File.WriteAllText(notJson, "{oops");
        var noKind = _dir.File("b.json");
        File.WriteAllText(noKind, "[{\"transfer\": {\"amount\": \"1\"}}, {}]");
        var wrongField = _dir.File("c.json");
        File.WriteAllText(wrongField, "[{\"grantRole\": {\"nope\": 1}}]");

        foreach (var (file, message) in new[] { (notJson, "is not JSON"), (noKind, "message 1 names no message kind"), (wrongField, "message 0 is not a Msg in protobuf JSON") })
        {
            var run = await Run($"daf propose --title T --msg-file {file} --deposit 1", from: _dir.File("no-such-key.devnet-unsafe.key"));
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains(message, run.Err);
        }
        Assert.Empty(_node.State.Submitted);
    }

    [Theory]
    [InlineData(0UL, 0UL, "-")]
    [InlineData(1UL, 3UL, "33.33 %")]
    [InlineData(2UL, 3UL, "66.66 %")]
    [InlineData(3UL, 4UL, "75.00 %")]
    [InlineData(ulong.MaxValue, ulong.MaxValue, "100.00 %")]
    public void Percent_IsIntegerArithmetic_RoundedDown(ulong part, ulong total, string expected) =>
        Assert.Equal(expected, global::Seratio.Client.Governance.Shares.Percent(part, total));

    [Theory]
    [InlineData("0", "692", "3", "0 now; nobody stakes")]
    [InlineData("346", "692", "1000", "[###############...............] 50.00 % of the threshold 692 (346 now)")]
    [InlineData("2000", "692", "1000", "[##############################] 289.01 % of the threshold 692 (2000 now)")]
    [InlineData("5", "", "1000", "it cannot pass")]
    public void ConvictionLine_DrawsConvictionAgainstTheThreshold(string conviction, string threshold, string staked, string expected)
    {
        var grant = new GrantState { Status = GrantStatus.Open, Staked = staked == "3" ? "0" : staked };
        Assert.Contains(expected, global::Seratio.Cli.Modules.GrantCommands.ConvictionLine(conviction, threshold, grant));
    }
}
