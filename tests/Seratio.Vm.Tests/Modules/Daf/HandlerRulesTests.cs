using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Protocol;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.Modules.Governance;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Modules.Daf.DafChain;
using DafApi = Seratio.Vm.Modules.Daf.Daf;

namespace Seratio.Vm.Tests.Modules.Daf;

/// <summary>One table per DAF handler: every refusal code and permission, each case through BlockExecutor.</summary>
public class HandlerRulesTests
{
    private static DafParams TableParams
    {
        get
        {
            var p = TestParams;
            p.MaxExecutionGas = 100_000;
            return p;
        }
    }

    // ---- submit ----

    public static TheoryData<string, ResultCode> SubmitCases => new()
    {
        { "a signal", ResultCode.Ok },
        { "an authority message", ResultCode.Ok },
        { "the least initial deposit", ResultCode.Ok },
        { "expedited removal of a validator", ResultCode.Ok },
        { "empty title", ResultCode.InvalidMsg },
        { "title past max_title_bytes", ResultCode.InvalidMsg },
        { "uri past max_uri_bytes", ResultCode.InvalidMsg },
        { "hash of 31 bytes", ResultCode.InvalidMsg },
        { "deposit not a number", ResultCode.InvalidMsg },
        { "an invalid message", ResultCode.InvalidMsg },
        { "a message of no kind", ResultCode.InvalidMsg },
        { "a vote inside", ResultCode.InvalidMsg },
        { "a submission inside", ResultCode.InvalidMsg },
        { "a deposit inside", ResultCode.InvalidMsg },
        { "more than max_messages", ResultCode.GasCapExceeded },
        { "more gas than max_execution_gas", ResultCode.GasCapExceeded },
        { "a third of the power or more", ResultCode.PowerChangeTooLarge },
        { "expedited with a grant", ResultCode.NotExpeditable },
        { "expedited un-halting", ResultCode.NotExpeditable },
        { "expedited signal", ResultCode.NotExpeditable },
        { "initial deposit below the share", ResultCode.DepositTooLow },
        { "deposit past the balance", ResultCode.InsufficientFunds },
        { "proposer at its limit", ResultCode.TooManyProposals },
        { "chain at its limit", ResultCode.TooManyProposals },
    };

    [Theory]
    [MemberData(nameof(SubmitCases))]
    public void Submit_FollowsItsRules(string name, ResultCode expected)
    {
        var chain = new DafChain(TableParams, handOver: true);
        if (name == "proposer at its limit") { Ok(chain.Propose("alice", "1000")); Ok(chain.Propose("alice", "1000")); }
        if (name == "chain at its limit") { Ok(chain.Propose("bob", "1000")); Ok(chain.Propose("carol", "1000")); Ok(chain.Propose("dave", "1000")); }
        var before = DafApi.LastProposalId(chain.State);
        var balance = chain.Balance("alice");
        var msg = name switch
        {
            "a signal" => Submit("t", "1000", false),
            "an authority message" => Submit("t", "1000", false, GrantIssuer("issuer")),
            "the least initial deposit" => Submit("t", "250", false),
            "expedited removal of a validator" => Submit("t", "1000", true, SetValidator("v1", 0)),
            "empty title" => Submit("", "1000", false),
            "title past max_title_bytes" => Submit(new string('é', 71), "1000", false),
            "uri past max_uri_bytes" => With(Submit("t", "1000", false), s => s.MetadataUri = new string('u', 257)),
            "hash of 31 bytes" => With(Submit("t", "1000", false), s => s.MetadataHash = ByteString.CopyFrom(new byte[31])),
            "deposit not a number" => Submit("t", "ten", false),
            "an invalid message" => Submit("t", "1000", false, new Msg { SetValidator = new MsgSetValidator { PublicKey = ByteString.CopyFrom(new byte[31]), Power = 1 } }),
            "a message of no kind" => Submit("t", "1000", false, new Msg()),
            "a vote inside" => Submit("t", "1000", false, Vote(1, VoteOption.Yes)),
            "a submission inside" => Submit("t", "1000", false, Submit("inner", "1000", false)),
            "a deposit inside" => Submit("t", "1000", false, Deposit(1, "1")),
            "more than max_messages" => Submit("t", "1000", false, GrantIssuer("a"), GrantIssuer("b"), GrantIssuer("c"), GrantIssuer("d")),
            "more gas than max_execution_gas" => Submit("t", "1000", false, Members(("m1", 1))),
            "a third of the power or more" => Submit("t", "1000", false, SetValidator("v5", 14)),
            "expedited with a grant" => Submit("t", "1000", true, GrantIssuer("issuer")),
            "expedited un-halting" => Submit("t", "1000", true, ExMsgs.Halt(1, halted: false)),
            "expedited signal" => Submit("t", "1000", true),
            "initial deposit below the share" => Submit("t", "249", false),
            "deposit past the balance" => Submit("t", (Funding.Value + 1).ToString(), false),
            _ => Submit("t", "1000", false),
        };
        var receipt = chain.Send("alice", msg);
        Assert.True(expected == receipt.Code, $"{receipt.Code}: {receipt.Log}");
        if (expected == ResultCode.Ok)
        {
            Assert.Equal(before + 1, DafApi.LastProposalId(chain.State));
            Assert.Equal(TestKeys.Address("alice").ToByteString(), chain.Proposal(before + 1).Proposer);
        }
        else
        {
            Assert.Equal(before, DafApi.LastProposalId(chain.State));
            Assert.Equal(balance - new Seratio.Core.Numerics.Amount(ulong.Parse(receipt.Fee, System.Globalization.CultureInfo.InvariantCulture)), chain.Balance("alice"));
            Assert.NotEmpty(receipt.Log);
        }
    }

    [Fact]
    public void Submit_Refusals_NameTheMessageAndTheLimit()
    {
        var chain = new DafChain(TableParams, handOver: true);
        Assert.Contains("message 0 (vote)", chain.Send("alice", Submit("t", "1000", false, Vote(1, VoteOption.Yes))).Log);
        Assert.Contains("max_execution_gas", chain.Send("alice", Submit("t", "1000", false, Members(("m1", 1)))).Log);
        Assert.Contains("(250 base units)", chain.Send("alice", Submit("t", "1", false)).Log);
    }

    // ---- deposit ----

    public static TheoryData<string, string, ulong, string, ResultCode> DepositCases => new()
    {
        { "the proposer adds any amount", "alice", 1, "1", ResultCode.Ok },
        { "a new depositor brings its share", "bob", 1, "500", ResultCode.Ok },
        { "a new depositor below its share", "bob", 1, "499", ResultCode.DepositTooLow },
        { "a third depositor", "carol", 2, "500", ResultCode.TooManyProposals },
        { "zero", "bob", 1, "0", ResultCode.InvalidMsg },
        { "not a number", "bob", 1, "x", ResultCode.InvalidMsg },
        { "unknown proposal", "bob", 9, "500", ResultCode.NotFound },
        { "a proposal in its vote", "bob", 3, "500", ResultCode.ProposalNotOpen },
        { "past the balance", "bob", 1, "1000000000001", ResultCode.InsufficientFunds },
    };

    [Theory]
    [MemberData(nameof(DepositCases))]
    public void Deposit_FollowsItsRules(string name, string sender, ulong id, string amount, ResultCode expected)
    {
        _ = name;
        var chain = new DafChain(TableParams, handOver: true);
        Ok(chain.Propose("alice", "250")); // 1
        Ok(chain.Propose("dave", "250")); // 2
        Ok(chain.Send("bob", Deposit(2, "500"))); // 2 now has two depositors
        Ok(chain.Propose("owner", "1000")); // 3: voting
        var before = id <= 3 ? chain.Proposal(Math.Max(id, 1)).TotalDeposit : "";
        var receipt = chain.Send(sender, Deposit(id, amount));
        Assert.True(expected == receipt.Code, $"{receipt.Code}: {receipt.Log}");
        if (expected == ResultCode.Ok)
        {
            Assert.Equal((ulong.Parse(before) + ulong.Parse(amount)).ToString(), chain.Proposal(id).TotalDeposit);
            Assert.Equal(amount == "1" ? "251" : amount, DafApi.GetDeposit(chain.State, id, TestKeys.Address(sender))!.Amount);
        }
        else if (id <= 3)
        {
            Assert.Equal(before, chain.Proposal(id).TotalDeposit);
        }
    }

    // ---- vote ----

    public static TheoryData<string, string, ulong, int, ResultCode> VoteCases => new()
    {
        { "a member votes yes", "m1", 3, 1, ResultCode.Ok },
        { "a member vetoes", "m2", 3, 4, ResultCode.Ok },
        { "not a member", "alice", 3, 1, ResultCode.NotAMember },
        { "option 0", "m1", 3, 0, ResultCode.InvalidMsg },
        { "option 5", "m1", 3, 5, ResultCode.InvalidMsg },
        { "unknown proposal", "m1", 9, 1, ResultCode.NotFound },
        { "proposal 0", "m1", 0, 1, ResultCode.InvalidMsg },
        { "a proposal in its deposit period", "m1", 2, 1, ResultCode.ProposalNotOpen },
        { "a tallied proposal", "m1", 1, 1, ResultCode.ProposalNotOpen },
    };

    [Theory]
    [MemberData(nameof(VoteCases))]
    public void Vote_FollowsItsRules(string name, string sender, ulong id, int option, ResultCode expected)
    {
        _ = name;
        var chain = new DafChain(TableParams, handOver: true);
        Ok(chain.Propose("bob", "1000")); // 1: tallied (rejected: nobody voted)
        chain.AdvanceTo(chain.Proposal(1).VotingEndHeight);
        Ok(chain.Propose("alice", "250")); // 2: deposit period
        Ok(chain.Propose("carol", "1000")); // 3: voting period
        ulong mapped = id;
        var receipt = chain.Send(sender, Vote(mapped, (VoteOption)option));
        Assert.True(expected == receipt.Code, $"{receipt.Code}: {receipt.Log}");
        var vote = mapped <= 3 ? DafApi.GetVote(chain.State, mapped, TestKeys.Address(sender)) : null;
        if (expected == ResultCode.Ok)
        {
            Assert.Equal(((VoteOption)option, 1UL), (vote!.Option, vote.Weight));
            var ev = Attributes(Assert.Single(receipt.Events));
            Assert.Equal((DafEvent.Option((VoteOption)option), "1", "false"), (ev["option"], ev["weight"], ev["changed"]));
        }
        else
        {
            Assert.Null(vote);
        }
    }

    // ---- council, parameters, handover ----

    public static TheoryData<string, string, ResultCode> MembersCases => new()
    {
        { "the authority", AuthorityName, ResultCode.Ok },
        { "another account", "alice", ResultCode.Unauthorized },
        { "empty", AuthorityName, ResultCode.InvalidMsg },
        { "a member twice", AuthorityName, ResultCode.InvalidMsg },
        { "weight 0", AuthorityName, ResultCode.InvalidMsg },
        { "an address of 19 bytes", AuthorityName, ResultCode.InvalidMsg },
    };

    [Theory]
    [MemberData(nameof(MembersCases))]
    public void SetDafMembers_FollowsItsRules(string name, string sender, ResultCode expected)
    {
        var chain = new DafChain(TableParams);
        var msg = name switch
        {
            "empty" => Members(),
            "a member twice" => Members(("alice", 1), ("alice", 2)),
            "weight 0" => Members(("alice", 0)),
            "an address of 19 bytes" => new Msg { SetDafMembers = new MsgSetDafMembers { Members = { new DafMember { Address = ByteString.CopyFrom(new byte[19]), Weight = 1 } } } },
            _ => Members(("alice", 2), ("bob", 3)),
        };
        var receipt = chain.Send(sender, msg);
        Assert.True(expected == receipt.Code, $"{receipt.Code}: {receipt.Log}");
        var council = DafApi.Members(chain.State);
        if (expected == ResultCode.Ok)
        {
            Assert.Equal((2, 5UL, 0UL), (council.Members.Count, council.TotalWeight, DafApi.MemberWeight(chain.State, TestKeys.Address("m1"))));
            Assert.True(new Address(council.Members[0].Address.Span).CompareTo(new Address(council.Members[1].Address.Span)) < 0, "stored ascending");
        }
        else
        {
            Assert.Equal(4UL, council.TotalWeight);
        }
    }

    public static TheoryData<string, string, ResultCode> ParamsCases => new()
    {
        { "the defaults", AuthorityName, ResultCode.Ok },
        { "another account", "alice", ResultCode.Unauthorized },
        { "no params", AuthorityName, ResultCode.InvalidMsg },
        { "min_deposit 0", AuthorityName, ResultCode.InvalidMsg },
        { "a share past 10000", AuthorityName, ResultCode.InvalidMsg },
        { "threshold 10000", AuthorityName, ResultCode.InvalidMsg },
        { "critical below two thirds", AuthorityName, ResultCode.InvalidMsg },
        { "power change past a third", AuthorityName, ResultCode.InvalidMsg },
        { "expedited period not shorter", AuthorityName, ResultCode.InvalidMsg },
        { "voting period 0", AuthorityName, ResultCode.InvalidMsg },
        { "decay num = den", AuthorityName, ResultCode.InvalidMsg },
        { "decay den past 10^9", AuthorityName, ResultCode.InvalidMsg },
        { "staking asset malformed", AuthorityName, ResultCode.InvalidMsg },
        { "max_messages 0", AuthorityName, ResultCode.InvalidMsg },
        { "per proposer past the chain", AuthorityName, ResultCode.InvalidMsg },
    };

    [Theory]
    [MemberData(nameof(ParamsCases))]
    public void SetDafParams_FollowsItsRules(string name, string sender, ResultCode expected)
    {
        var chain = new DafChain(TableParams);
        var p = DafRules.DefaultParams;
        switch (name)
        {
            case "min_deposit 0": p.MinDeposit = "0"; break;
            case "a share past 10000": p.QuorumBps = 10_001; break;
            case "threshold 10000": p.ThresholdBps = 10_000; break;
            case "critical below two thirds": p.CriticalThresholdBps = 6_666; break;
            case "power change past a third": p.MaxPowerChangeBps = 3_334; break;
            case "expedited period not shorter": p.ExpeditedVotingPeriod = p.VotingPeriod; break;
            case "voting period 0": p.VotingPeriod = 0; break;
            case "decay num = den": p.ConvictionDecayNum = p.ConvictionDecayDen; break;
            case "decay den past 10^9": p.ConvictionDecayDen = 1_000_000_001; break;
            case "staking asset malformed": p.StakingAsset = "ms:x"; break;
            case "max_messages 0": p.MaxMessages = 0; break;
            case "per proposer past the chain": p.MaxActivePerProposer = p.MaxActiveProposals + 1; break;
        }
        var msg = name == "no params" ? new Msg { SetDafParams = new MsgSetDafParams() } : SetParams(p);
        var receipt = chain.Send(sender, msg);
        Assert.True(expected == receipt.Code, $"{receipt.Code}: {receipt.Log}");
        Assert.Equal(expected == ResultCode.Ok ? DafRules.DefaultParams : TableParams, DafApi.Params(chain.State));
    }

    public static TheoryData<string, string, ResultCode> HandOverCases => new()
    {
        { "to the DAF", AuthorityName, ResultCode.Ok },
        { "to another account", AuthorityName, ResultCode.Unauthorized },
        { "to 19 bytes", AuthorityName, ResultCode.InvalidMsg },
        { "from another account", "alice", ResultCode.Unauthorized },
        { "with no council", AuthorityName, ResultCode.InvalidMsg },
        { "twice", AuthorityName, ResultCode.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(HandOverCases))]
    public void HandOverAuthority_FollowsItsRules(string name, string sender, ResultCode expected)
    {
        var chain = new DafChain(TableParams);
        if (name == "with no council")
        {
            var state = ValueMsgs.NewState();
            var refused = ValueMsgs.Run(state, sender, HandOver(DafApi.Address));
            Assert.Equal(expected, refused.Code);
            Assert.Contains("no council", refused.Log);
            Assert.Equal(TestKeys.Address(AuthorityName), Authority.Read(new BlockState(state)));
            return;
        }
        if (name == "twice") Ok(chain.Send(sender, HandOver(DafApi.Address)));
        var msg = name switch
        {
            "to another account" => HandOver(TestKeys.Address("alice")),
            "to 19 bytes" => new Msg { HandOverAuthority = new MsgHandOverAuthority { To = ByteString.CopyFrom(new byte[19]) } },
            _ => HandOver(DafApi.Address),
        };
        var receipt = chain.Send(sender, msg);
        Assert.True(expected == receipt.Code, $"{receipt.Code}: {receipt.Log}");
        var authority = Authority.Read(new BlockState(chain.State));
        Assert.Equal(expected == ResultCode.Ok || name == "twice" ? DafApi.Address : TestKeys.Address(AuthorityName), authority);
        if (name == "to another account") Assert.Contains($"only be handed to the DAF account {DafApi.Address}", receipt.Log);
    }

    [Fact]
    public void EachDafKind_HasOneHandler_InTheModulesList()
    {
        Msg.KindOneofCase[] kinds = [Msg.KindOneofCase.HandOverAuthority, Msg.KindOneofCase.SubmitProposal, Msg.KindOneofCase.DepositProposal,
            Msg.KindOneofCase.Vote, Msg.KindOneofCase.SetDafMembers, Msg.KindOneofCase.SetDafParams];
        Assert.Equal(kinds.Order(), DafHandlers.All.Select(h => h.Kind).Order());
        Assert.All(kinds, k => Assert.Same(DafHandlers.All.Single(h => h.Kind == k), Seratio.Vm.Modules.MsgHandlers.For(k)));
    }

    private static Msg With(Msg msg, Action<MsgSubmitProposal> change)
    {
        change(msg.SubmitProposal);
        return msg;
    }
}
