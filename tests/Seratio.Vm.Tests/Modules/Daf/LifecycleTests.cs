using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;
using Seratio.Vm.Modules.Daf;
using Market = Seratio.Vm.Modules.Exchange.Exchange;
using Seratio.Vm.Modules.Roles;
using Seratio.Vm.Modules.Validators;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Modules.Daf.DafChain;
using DafApi = Seratio.Vm.Modules.Daf.Daf;

namespace Seratio.Vm.Tests.Modules.Daf;

/// <summary>The whole life of proposals through BlockExecutor, block after block, with the DAF as the authority.</summary>
public class LifecycleTests
{
    [Fact]
    public void Proposal_SubmitDepositVotePassTimelockExecute_ActsAsTheAuthority()
    {
        var chain = new DafChain(handOver: true); // heights 1-2
        Ok(chain.Send("owner", ValueMsgs.Register("acme", "owner"))); // 3: entity 1
        var submit = chain.Propose("alice", "250", GrantIssuer("issuer"), CertMsgs.Method("sroi", 1)); // 4
        Ok(submit);
        var p = chain.Proposal(1);
        Assert.Equal((ProposalStatus.DepositPeriod, 8UL, "250", 1U), (p.Status, p.DepositEndHeight, p.TotalDeposit, p.Depositors));
        Assert.Equal("deposit_period", Attributes(submit.Events.Single(e => e.Type == DafEvent.ProposalType))["status"]);
        Assert.Equal(new Seratio.Core.Numerics.Amount(250), chain.Balance(DafApi.DepositsAddress));

        Ok(chain.Send("bob", Deposit(1, "750"))); // 5: min_deposit reached, the vote opens
        p = chain.Proposal(1);
        Assert.Equal((ProposalStatus.VotingPeriod, 5UL, 14UL, 4UL, "1000"), (p.Status, p.VotingStartHeight, p.VotingEndHeight, p.TotalWeight, p.TotalDeposit));

        chain.VoteAll(1, VoteOption.Yes, "m1", "m2", "m3"); // 6
        Assert.Equal(3UL, chain.Proposal(1).Tally.Yes);
        chain.AdvanceTo(13);
        Assert.Equal(ProposalStatus.VotingPeriod, chain.Proposal(1).Status);
        var alice = chain.Balance("alice");
        var bob = chain.Balance("bob");

        chain.AdvanceTo(14); // tallied at the end of voting_end_height
        p = chain.Proposal(1);
        Assert.Equal((ProposalStatus.Passed, 14UL, 17UL), (p.Status, p.PassedHeight, p.ExecuteHeight));
        Assert.Equal((alice + new Seratio.Core.Numerics.Amount(250), bob + new Seratio.Core.Numerics.Amount(750)), (chain.Balance("alice"), chain.Balance("bob")));
        Assert.True(chain.Balance(DafApi.DepositsAddress).IsZero);
        Assert.False(Roles.Has(chain.State, TestKeys.Address("issuer"), Role.Issuer));

        chain.AdvanceTo(16); // the timelock
        Assert.Equal(ProposalStatus.Passed, chain.Proposal(1).Status);
        Assert.Equal(ResultCode.Unauthorized, chain.Send("issuer", CertMsgs.Issue(1)).Code); // 17 (block's txs run before the end-of-block step)

        p = chain.Proposal(1);
        Assert.Equal((ProposalStatus.Executed, 17UL, ""), (p.Status, p.ExecutedHeight, p.Failure));
        Assert.True(Roles.Has(chain.State, TestKeys.Address("issuer"), Role.Issuer));
        Assert.NotNull(Methods.Get(chain.State, "sroi", 1));
        var events = chain.EndEvents(17);
        Assert.Contains(events, e => e.Type == DafEvent.ProposalType && Attributes(e)["status"] == "executed");
        Assert.True(events.Count >= 3, "the inner messages' events go with the proposal's");

        Ok(chain.Send("issuer", CertMsgs.Issue(1))); // issuance by the new issuer works
        Assert.Equal(chain.Initial, chain.Total());
    }

    [Fact]
    public void Proposal_HaltsAMarket_AndAddsAValidator()
    {
        var chain = new DafChain();
        Ok(chain.Send(AuthorityName, ValueMsgs.Grant("rb", Role.RewardingBody)));
        Ok(chain.Send("rb", ValueMsgs.Create("GREEN", "1000000000", "rb")));
        Ok(chain.Send(AuthorityName, ExMsgs.CreateMarket("GREEN", "SER")));
        Ok(chain.Send(AuthorityName, HandOver(DafApi.Address)));
        Ok(chain.Propose("alice", "1000", ExMsgs.Halt(1), SetValidator("v5", 10)));
        ulong id = DafApi.LastProposalId(chain.State);
        Assert.True(chain.Proposal(id).Critical);
        chain.VoteAll(id, VoteOption.Yes, "m1", "m2", "m3");
        chain.AdvanceTo(chain.Proposal(id).VotingEndHeight);
        chain.AdvanceTo(chain.Proposal(id).ExecuteHeight);

        Assert.Equal(ProposalStatus.Executed, chain.Proposal(id).Status);
        Assert.True(Market.GetMarket(chain.State, 1)!.Halted);
        var pending = ValidatorStore.ReadPending(new Seratio.Vm.State.BlockState(chain.State))!;
        Assert.Contains(pending.Validators, v => v.Name == "v5" && v.Power == 10);
        Assert.DoesNotContain(ValidatorStore.ReadNext(new Seratio.Vm.State.BlockState(chain.State))!.Validators, v => v.Name == "v5");
    }

    [Fact]
    public void Proposal_WithoutQuorum_IsRejected_AndRefunded()
    {
        var chain = new DafChain(handOver: true);
        Ok(chain.Propose("alice", "1000", GrantIssuer("issuer")));
        var before = chain.Balance("alice");
        chain.VoteAll(1, VoteOption.Yes, "m1"); // 1 of 4: 10000 < 3340 x 4
        chain.AdvanceTo(chain.Proposal(1).VotingEndHeight);
        var p = chain.Proposal(1);
        Assert.Equal(ProposalStatus.Rejected, p.Status);
        Assert.Equal(before + new Seratio.Core.Numerics.Amount(1000), chain.Balance("alice"));
        Assert.True(chain.Balance(DafApi.DepositsAddress).IsZero);
        Assert.False(Roles.Has(chain.State, TestKeys.Address("issuer"), Role.Issuer));
        var ev = Attributes(chain.EndEvents(p.VotingEndHeight).Single());
        Assert.Equal(("rejected", "1", "4"), (ev["status"], ev["yes"], ev["total_weight"]));
        Assert.Equal(chain.Initial, chain.Total());
    }

    [Fact]
    public void Proposal_WithoutEnoughYes_IsRejected()
    {
        var chain = new DafChain(handOver: true);
        Ok(chain.Propose("alice", "1000"));
        chain.VoteAll(1, VoteOption.Yes, "m1");
        chain.VoteAll(1, VoteOption.No, "m2");
        chain.VoteAll(1, VoteOption.Abstain, "m3"); // quorum met; yes 1 is not above half of yes + no = 2
        chain.AdvanceTo(chain.Proposal(1).VotingEndHeight);
        Assert.Equal(ProposalStatus.Rejected, chain.Proposal(1).Status);
    }

    [Fact]
    public void Proposal_Vetoed_BurnsItsDeposits()
    {
        var chain = new DafChain(handOver: true);
        Ok(chain.Propose("alice", "600"));
        Ok(chain.Send("bob", Deposit(1, "500")));
        chain.VoteAll(1, VoteOption.Yes, "m1");
        chain.VoteAll(1, VoteOption.Veto, "m2", "m3");
        var alice = chain.Balance("alice");
        var bob = chain.Balance("bob");
        var proposer = chain.Balance(TestKeys.Proposer);
        chain.AdvanceTo(chain.Proposal(1).VotingEndHeight);

        Assert.Equal(ProposalStatus.Vetoed, chain.Proposal(1).Status);
        Assert.True(chain.Balance(DafApi.DepositsAddress).IsZero, "the deposits account is debited");
        Assert.Equal((alice, bob, proposer), (chain.Balance("alice"), chain.Balance("bob"), chain.Balance(TestKeys.Proposer)));
        Assert.Equal(new Seratio.Core.Numerics.Amount(1100), DafApi.Burned(chain.State));
        Assert.Equal("1100", Attributes(chain.EndEvents(chain.Height).Single())["burned"]);
        Assert.Equal(chain.Initial, chain.Total());
    }

    [Fact]
    public void Proposal_ShortOfMinDeposit_Lapses_AndItsDepositBurns()
    {
        var chain = new DafChain(handOver: true);
        Ok(chain.Propose("alice", "250")); // height 3; deposit period 3..7
        var p = chain.Proposal(1);
        Assert.Equal(7UL, p.DepositEndHeight);
        chain.AdvanceTo(6);
        Assert.Equal(ProposalStatus.DepositPeriod, chain.Proposal(1).Status);
        chain.AdvanceTo(7);
        Assert.Equal(ProposalStatus.Lapsed, chain.Proposal(1).Status);
        Assert.Equal(new Seratio.Core.Numerics.Amount(250), DafApi.Burned(chain.State));
        Assert.True(chain.Balance(DafApi.DepositsAddress).IsZero);
        Assert.Equal(ResultCode.ProposalNotOpen, chain.Send("bob", Deposit(1, "750")).Code);
        Assert.Equal((0U, 0U), DafApi.ActiveProposals(chain.State, TestKeys.Address("alice")));
        Assert.Equal(chain.Initial, chain.Total());
    }

    [Fact]
    public void Expedited_PassesWithoutTimelock()
    {
        var chain = MarketChain();
        Ok(chain.Send("alice", Submit("halt GREEN", "1000", true, ExMsgs.Halt(1))));
        ulong id = DafApi.LastProposalId(chain.State);
        var p = chain.Proposal(id);
        Assert.Equal(p.VotingStartHeight + 2, p.VotingEndHeight); // expedited_voting_period 3
        chain.VoteAll(id, VoteOption.Yes, "m1", "m2", "m3");
        chain.AdvanceTo(p.VotingEndHeight);
        p = chain.Proposal(id);
        Assert.Equal((ProposalStatus.Executed, p.PassedHeight, p.PassedHeight), (p.Status, p.ExecuteHeight, p.ExecutedHeight));
        Assert.True(Market.GetMarket(chain.State, 1)!.Halted);
    }

    [Fact]
    public void Expedited_ThatFails_FallsBackToANormalVote_ThatPasses()
    {
        var chain = MarketChain();
        Ok(chain.Send("alice", Submit("halt GREEN", "1000", true, ExMsgs.Halt(1))));
        ulong id = DafApi.LastProposalId(chain.State);
        var start = chain.Proposal(id).VotingStartHeight;
        chain.VoteAll(id, VoteOption.Yes, "m1", "m2"); // 2 of 4: short of 6667 bps
        chain.AdvanceTo(start + 2);

        var p = chain.Proposal(id);
        Assert.Equal((ProposalStatus.VotingPeriod, false, true, start + 9), (p.Status, p.Expedited, p.WasExpedited, p.VotingEndHeight));
        Assert.Equal(2UL, p.Tally.Yes); // votes kept
        var ev = Attributes(chain.EndEvents(start + 2).Single());
        Assert.Equal(("voting_period", "true"), (ev["status"], ev["fallback"]));
        Assert.False(Market.GetMarket(chain.State, 1)!.Halted);

        chain.AdvanceTo(start + 9); // 2 yes of 2 votes: quorum and threshold met
        p = chain.Proposal(id);
        Assert.Equal((ProposalStatus.Passed, start + 12), (p.Status, p.ExecuteHeight));
        chain.AdvanceTo(start + 12);
        Assert.Equal(ProposalStatus.Executed, chain.Proposal(id).Status);
        Assert.True(Market.GetMarket(chain.State, 1)!.Halted);
    }

    [Fact]
    public void Ids_ComeFromACounter_AndARefusedSubmissionTakesNone()
    {
        var chain = new DafChain(handOver: true);
        Ok(chain.Propose("alice", "1000"));
        Assert.Equal(ResultCode.DepositTooLow, chain.Propose("alice", "1").Code);
        Ok(chain.Propose("bob", "1000"));
        Ok(chain.Propose("carol", "1000"));
        Assert.Equal(3UL, DafApi.LastProposalId(chain.State));
        Assert.Equal(["alice", "bob", "carol"], new ulong[] { 1, 2, 3 }.Select(i => Name(chain.Proposal(i).Proposer)));
    }

    [Fact]
    public void AChangedVote_MovesItsWeight_AndCountsOnce()
    {
        var chain = new DafChain(handOver: true);
        Ok(chain.Propose("alice", "1000"));
        chain.VoteAll(1, VoteOption.Yes, "m1");
        Assert.Equal((1UL, 0UL), (chain.Proposal(1).Tally.Yes, chain.Proposal(1).Tally.No));
        chain.VoteAll(1, VoteOption.Veto, "m1");
        chain.VoteAll(1, VoteOption.No, "m1");
        var t = chain.Proposal(1).Tally;
        Assert.Equal((0UL, 1UL, 0UL, 0UL), (t.Yes, t.No, t.Abstain, t.Veto));
        Assert.Equal(1UL, DafApi.VoteCount(chain.State, 1));
        var vote = Assert.Single(DafApi.Votes(chain.State, 1, 0, 10));
        Assert.Equal(VoteOption.No, vote.Option);
    }

    [Fact]
    public void AVote_CarriesTheMembersWeightAtTheTimeOfTheVote()
    {
        var chain = new DafChain();
        Ok(chain.Send(AuthorityName, Members(("m1", 5), ("m2", 1))));
        Ok(chain.Propose("alice", "1000"));
        chain.VoteAll(1, VoteOption.Yes, "m1");
        Ok(chain.Send(AuthorityName, Members(("m1", 2), ("m2", 1))));
        Assert.Equal(5UL, chain.Proposal(1).Tally.Yes);
        Assert.Equal(6UL, chain.Proposal(1).TotalWeight);
        chain.VoteAll(1, VoteOption.Yes, "m1"); // re-vote: weight now 2
        Assert.Equal(2UL, chain.Proposal(1).Tally.Yes);
    }

    /// <summary>Handed over, with market 1 (GREEN/SER) listed by the authority before.</summary>
    internal static DafChain MarketChain()
    {
        var chain = new DafChain();
        Ok(chain.Send(AuthorityName, ValueMsgs.Grant("rb", Role.RewardingBody)));
        Ok(chain.Send("rb", ValueMsgs.Create("GREEN", "1000000000", "rb")));
        Ok(chain.Send(AuthorityName, ExMsgs.CreateMarket("GREEN", "SER")));
        Ok(chain.Send(AuthorityName, HandOver(DafApi.Address)));
        return chain;
    }

    internal static string Name(Google.Protobuf.ByteString address) =>
        Others.Concat(Council).Concat([AuthorityName]).Single(n => TestKeys.Address(n).ToByteString() == address);
}
