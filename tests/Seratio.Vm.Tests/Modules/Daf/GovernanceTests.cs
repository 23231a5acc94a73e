using Seratio.Protocol;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.Modules.Governance;
using Seratio.Vm.Modules.Roles;
using Seratio.Vm.Modules.Validators;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Modules.Daf.DafChain;
using DafApi = Seratio.Vm.Modules.Daf.Daf;

namespace Seratio.Vm.Tests.Modules.Daf;

/// <summary>The DAF as the authority: handover, parameter snapshots, failed executions, the power cap, critical proposals.</summary>
public class GovernanceTests
{
    [Fact]
    public void AfterHandover_TheOldKeyIsRefused_WhileTheSameMessageInAPassedProposalWorks()
    {
        var chain = new DafChain(handOver: true);
        Assert.Equal(DafApi.Address, Authority.Read(new BlockState(chain.State)));
        var refused = chain.Send(AuthorityName, GrantIssuer("issuer"));
        Assert.Equal(ResultCode.Unauthorized, refused.Code);
        Assert.Contains("the DAF governs this chain; submit a proposal: seratio daf propose", refused.Log);
        Assert.False(Roles.Has(chain.State, TestKeys.Address("issuer"), Role.Issuer));

        Pass(chain, GrantIssuer("issuer"));
        Assert.True(Roles.Has(chain.State, TestKeys.Address("issuer"), Role.Issuer));
    }

    [Fact]
    public void BeforeHandover_AProposalsAuthorityMessage_Fails_ForTheDafIsNotYetTheAuthority()
    {
        var chain = new DafChain();
        Ok(chain.Propose("alice", "1000", GrantIssuer("issuer")));
        chain.VoteAll(1, VoteOption.Yes, Council);
        chain.AdvanceTo(chain.Proposal(1).VotingEndHeight);
        chain.AdvanceTo(chain.Proposal(1).ExecuteHeight);
        var p = chain.Proposal(1);
        Assert.Equal(ProposalStatus.Failed, p.Status);
        Assert.Equal("message 0 (grant-role): only the authority account may send this message", p.Failure);
    }

    [Fact]
    public void ParameterSnapshot_LoweringTheQuorumLater_NeitherRevivesNorChangesAnEarlierProposal()
    {
        var chain = new DafChain();
        Ok(chain.Propose("alice", "1000")); // proposal 1 under quorum 3340
        chain.VoteAll(1, VoteOption.Yes, "m1");
        var lower = TestParams;
        lower.QuorumBps = 1;
        Ok(chain.Send(AuthorityName, SetParams(lower)));
        Assert.Equal(3340U, chain.Proposal(1).Params.QuorumBps);
        Ok(chain.Propose("bob", "1000")); // proposal 2 under quorum 1
        chain.VoteAll(2, VoteOption.Yes, "m1");

        chain.AdvanceTo(chain.Proposal(2).VotingEndHeight);
        Assert.Equal(ProposalStatus.Rejected, chain.Proposal(1).Status);
        Assert.Equal(ProposalStatus.Passed, chain.Proposal(2).Status);
        chain.AdvanceTo(chain.Height + 20);
        Assert.Equal(ProposalStatus.Rejected, chain.Proposal(1).Status);
        Assert.Equal(3340U, chain.Proposal(1).Params.QuorumBps);
    }

    [Fact]
    public void FailedExecution_KeepsNothingOfIt_AndTheChainAndOtherProposalsGoOn()
    {
        var chain = new DafChain(handOver: true);
        // Both pass at the same height: the first fails on its second message (no market 9), the second is good.
        var bad = chain.Tx("alice", Submit("bad", "1000", false, GrantIssuer("issuer"), ExMsgs.Halt(9)));
        var good = chain.Tx("bob", Submit("good", "1000", false, GrantIssuer("owner")));
        Assert.All(chain.Block(bad, good).Receipts, Ok);
        chain.VoteAll(1, VoteOption.Yes, "m1", "m2", "m3");
        chain.VoteAll(2, VoteOption.Yes, "m1", "m2", "m3");
        chain.AdvanceTo(chain.Proposal(1).VotingEndHeight);
        chain.AdvanceTo(chain.Proposal(1).ExecuteHeight);

        var failed = chain.Proposal(1);
        Assert.Equal(ProposalStatus.Failed, failed.Status);
        Assert.StartsWith("message 1 (halt-market): ", failed.Failure);
        Assert.False(Roles.Has(chain.State, TestKeys.Address("issuer"), Role.Issuer), "message 0 of the failed proposal left nothing");
        Assert.Equal(ProposalStatus.Executed, chain.Proposal(2).Status);
        Assert.True(Roles.Has(chain.State, TestKeys.Address("owner"), Role.Issuer));
        var ev = chain.EndEvents(failed.ExecutedHeight).Where(e => e.Type == DafEvent.ProposalType).Select(Attributes).ToList();
        Assert.Contains(ev, a => a["status"] == "failed" && a["failure"] == failed.Failure);
        Ok(chain.Send("alice", Transfer(TestKeys.Address("bob"), 1))); // the next block goes on
    }

    [Fact]
    public void PowerCap_IsCheckedAtSubmission()
    {
        var chain = new DafChain(handOver: true);
        // Pending power 40: a third is 13.33.
        var receipt = chain.Propose("alice", "1000", SetValidator("v5", 14));
        Assert.Equal(ResultCode.PowerChangeTooLarge, receipt.Code);
        Assert.Contains("max_power_change_bps", receipt.Log);
        Assert.Equal(ResultCode.PowerChangeTooLarge, chain.Propose("alice", "1000", SetValidator("v1", 0), SetValidator("v2", 5)).Code);
        Assert.Equal(ResultCode.PowerChangeTooLarge, chain.Propose("alice", "1000", SetValidator("v5", 7), SetValidator("v5", 7)).Code);
        Ok(chain.Propose("alice", "1000", SetValidator("v5", 13)));
    }

    [Fact]
    public void PowerCap_IsCheckedAgainAtExecution()
    {
        var chain = new DafChain();
        Ok(chain.Propose("alice", "1000", SetValidator("v1", 0))); // 10 of 40: allowed
        chain.VoteAll(1, VoteOption.Yes, "m1", "m2", "m3", "m4");
        // Before it executes, the authority shrinks the set: 10 of 20 is now past a third.
        Ok(chain.Send(AuthorityName, SetValidator("v2", 0)));
        Ok(chain.Send(AuthorityName, SetValidator("v3", 0)));
        chain.AdvanceTo(chain.Proposal(1).VotingEndHeight);
        Assert.Equal(ProposalStatus.Passed, chain.Proposal(1).Status);
        chain.AdvanceTo(chain.Proposal(1).ExecuteHeight);
        var p = chain.Proposal(1);
        Assert.Equal(ProposalStatus.Failed, p.Status);
        Assert.StartsWith("power cap at execution", p.Failure);
        Assert.Contains(ValidatorStore.ReadPending(new BlockState(chain.State))!.Validators, v => v.Name == "v1");
    }

    [Fact]
    public void CriticalProposal_NeedsTwoThirdsOfTheTotalWeight()
    {
        var chain = new DafChain(handOver: true);
        Ok(chain.Propose("alice", "1000", SetValidator("v5", 5)));
        Ok(chain.Propose("bob", "1000", SetValidator("v6", 5)));
        Assert.True(chain.Proposal(1).Critical);
        chain.VoteAll(1, VoteOption.Yes, "m1", "m2"); // would pass a normal vote (quorum met, all yes)
        chain.VoteAll(2, VoteOption.Yes, "m1", "m2", "m3");
        chain.AdvanceTo(chain.Proposal(2).VotingEndHeight);
        Assert.Equal(ProposalStatus.Rejected, chain.Proposal(1).Status);
        Assert.Equal(ProposalStatus.Passed, chain.Proposal(2).Status);
    }

    [Theory]
    [InlineData(false, ProposalStatus.Passed)]
    [InlineData(true, ProposalStatus.Rejected)]
    public void CriticalKinds_IncludeTheDafsOwnSettings(bool critical, ProposalStatus expected)
    {
        var chain = new DafChain(handOver: true);
        Ok(chain.Propose("alice", "1000", critical ? Members(("m1", 1)) : GrantIssuer("issuer")));
        Assert.Equal(critical, chain.Proposal(1).Critical);
        chain.VoteAll(1, VoteOption.Yes, "m1", "m2");
        chain.AdvanceTo(chain.Proposal(1).VotingEndHeight);
        Assert.Equal(expected, chain.Proposal(1).Status);
    }

    [Fact]
    public void APassedProposal_ChangesTheCouncil_AndTheParameters()
    {
        var chain = new DafChain(handOver: true);
        var p = TestParams;
        p.VotingPeriod = 20;
        Pass(chain, Members(("m1", 3), ("alice", 1)), SetParams(p));
        Assert.Equal((3UL, 1UL, 0UL), (DafApi.MemberWeight(chain.State, TestKeys.Address("m1")), DafApi.MemberWeight(chain.State, TestKeys.Address("alice")),
            DafApi.MemberWeight(chain.State, TestKeys.Address("m2"))));
        Assert.Equal(4UL, DafApi.Members(chain.State).TotalWeight);
        Assert.Equal(20UL, DafApi.Params(chain.State).VotingPeriod);
        Ok(chain.Propose("bob", "1000"));
        Assert.Equal(ResultCode.NotAMember, chain.Send("m2", Vote(2, VoteOption.Yes)).Code);
        Ok(chain.Send("alice", Vote(2, VoteOption.Yes)));
        Assert.Equal(4UL, chain.Proposal(2).TotalWeight);
    }

    [Fact]
    public void ATreasuryPayout_ByProposal_MovesSerFromTheDafAccount()
    {
        var chain = new DafChain(handOver: true);
        Ok(chain.Send("carol", Transfer(DafApi.Address, 5_000)));
        Pass(chain, Transfer(TestKeys.Address("dave"), 2_000));
        Assert.Equal(new Seratio.Core.Numerics.Amount(3_000), chain.Balance(DafApi.Address));
        Assert.Equal(chain.Initial, chain.Total());
    }

    /// <summary>Submits <paramref name="msgs"/> from alice, passes them with every member's yes, and runs them.</summary>
    internal static void Pass(DafChain chain, params Msg[] msgs)
    {
        Ok(chain.Propose("alice", "1000", msgs));
        ulong id = DafApi.LastProposalId(chain.State);
        chain.VoteAll(id, VoteOption.Yes, Council);
        chain.AdvanceTo(chain.Proposal(id).VotingEndHeight);
        chain.AdvanceTo(chain.Proposal(id).ExecuteHeight);
        var p = chain.Proposal(id);
        Assert.True(p.Status == ProposalStatus.Executed, $"{p.Status}: {p.Failure}");
    }
}
