using Seratio.Core.Crypto;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Validators;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Modules.Validators;

public class BeginBlockEvidenceTests
{
    private static BlockEvidence Against(string name, ulong height, byte tag = 1) =>
        new(Hashing.Hash(Domains.Evidence, [tag, (byte)height]), ValidatorChain.Key(name), height, 0, VoteType.Prevote);

    [Fact]
    public void Evidence_IsRecorded_AndJailsTheOffenderFromHeightPlusTwo()
    {
        var chain = new ValidatorChain("v1", "v2", "v3", "v4");
        chain.Next();
        var evidence = Against("v2", 1);
        chain.Next(evidence: [evidence]); // block 2

        var record = ValidatorStore.ReadEvidence(chain.View, evidence.Hash);
        Assert.NotNull(record);
        Assert.Equal(1UL, record!.Height);
        Assert.Equal(2UL, record.IncludedHeight);
        Assert.True(record.Jailed);
        Assert.Equal(ValidatorChain.Key("v2").ToByteString(), record.Validator);
        Assert.Equal(1UL, ValidatorStore.ReadEvidenceCount(chain.View));

        Assert.Contains("v2", chain.NextNames()); // still validates height 3
        Assert.DoesNotContain("v2", chain.PendingNames()); // gone from height 4
        var jailed = Assert.Single(chain.Jailed().Validators);
        Assert.Equal(2UL, jailed.JailedAtHeight);
        chain.Next();
        Assert.DoesNotContain("v2", chain.NextNames());
    }

    [Fact]
    public void WithoutJailParameter_EvidenceIsRecordedOnly()
    {
        var chain = new ValidatorChain("v1", "v2") { Params = Blocks.Params with { JailOnDoubleSign = false } };
        var evidence = Against("v2", 1);
        chain.Next(evidence: [evidence]);
        Assert.False(ValidatorStore.ReadEvidence(chain.View, evidence.Hash)!.Jailed);
        Assert.Contains("v2", chain.PendingNames());
        Assert.Empty(chain.Jailed().Validators);
    }

    [Fact]
    public void TheLastValidator_IsNotJailed()
    {
        var chain = new ValidatorChain("v1");
        var evidence = Against("v1", 1);
        chain.Next(evidence: [evidence]);
        Assert.False(ValidatorStore.ReadEvidence(chain.View, evidence.Hash)!.Jailed);
        Assert.Equal(["v1"], chain.PendingNames());
    }

    [Fact]
    public void ReAddingAJailedKey_UnjailsIt()
    {
        var chain = new ValidatorChain("v1", "v2", "v3");
        chain.Next(evidence: [Against("v3", 1)]);
        Assert.Single(chain.Jailed().Validators);
        var outcome = chain.Next([ValidatorChain.Set("v3", 7)]);
        Assert.Equal(ResultCode.Ok, Assert.Single(outcome.Receipts).Code);
        Assert.Equal("true", outcome.Receipts[0].Events[0].Attributes.Single(a => a.Key == "unjailed").Value);
        Assert.Empty(chain.Jailed().Validators);
        Assert.Contains("v3", chain.PendingNames());
    }

    [Fact]
    public void WithoutSetsInState_EvidenceIsRecorded_AndNobodyIsJailed()
    {
        var state = new MemoryState();
        var evidence = Against("v1", 1);
        var outcome = new Seratio.Vm.Execution.BlockExecutor().Execute(state, Blocks.Context(2) with { Evidence = [evidence] }, []);
        state.Apply(outcome.Changes);
        var view = new Seratio.Vm.State.BlockState(state);
        Assert.False(ValidatorStore.ReadEvidence(view, evidence.Hash)!.Jailed);
        Assert.Null(ValidatorStore.ReadPending(view));
        Assert.Empty(ValidatorStore.ReadJailed(view).Validators);
    }

    [Fact]
    public void TheSameEvidenceTwice_IsRecordedOnce()
    {
        var chain = new ValidatorChain("v1", "v2", "v3");
        var evidence = Against("v2", 1);
        chain.Next(evidence: [evidence]);
        chain.Next(evidence: [evidence]);
        Assert.Equal(1UL, ValidatorStore.ReadEvidenceCount(chain.View));
    }

    [Fact]
    public void SameBlocks_GiveTheSameChanges_OnTwoChains()
    {
        static IReadOnlyList<Core.State.StateChange> Run()
        {
            var chain = new ValidatorChain("v1", "v2", "v3", "v4");
            chain.Next([ValidatorChain.Set("v5", 3), ValidatorChain.Set("v1", 0)]);
            return chain.Next([ValidatorChain.Set("v6", 2)], [Against("v2", 1), Against("v3", 1, 2)]).Changes;
        }
        var a = Run();
        var b = Run();
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Key, b[i].Key);
            Assert.Equal(a[i].Value, b[i].Value);
        }
    }
}
