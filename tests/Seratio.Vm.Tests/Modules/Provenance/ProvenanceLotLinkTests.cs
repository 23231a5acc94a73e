using Seratio.Protocol;
using Seratio.Vm.Modules.Provenance;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.MicroMsgs;
using static Seratio.Vm.Tests.Support.ProvenanceMsgs;
using static Seratio.Vm.Tests.Support.ValueMsgs;
using Prov = Seratio.Vm.Modules.Provenance.Provenance;

namespace Seratio.Vm.Tests.Modules.Provenance;

public class ProvenanceLotLinkTests
{
    /// <summary>Class 1 "GOOD" with lots 1 and 2 minted by alice; "owner" controls entity 1.</summary>
    private static MemoryState TwoLots()
    {
        var state = MicroMsgs.Ready();
        Assert.Equal(ResultCode.Ok, Run(state, "alice", MintMs(1, 1, "SER", "1000")).Code);
        Assert.Equal(ResultCode.Ok, Run(state, "alice", MintMs(1, 2, "SER", "10")).Code);
        Assert.NotNull(Vm.Modules.Microshares.Microshares.GetLot(state, 2));
        return state;
    }

    private static Msg Linking(string item, params ulong[] lots)
    {
        var append = Record(1, [item]);
        foreach (var lot in lots) append.Links.Add(new ProvenanceLink { MicroshareLotId = lot });
        return Append(append);
    }

    [Fact]
    public void Append_LinkingAnUnknownLot_IsNotFound_NamesTheLink_AndWritesNothing()
    {
        var state = TwoLots();
        var receipt = Run(state, "owner", Linking("bale-1", 1, 3));

        Assert.Equal(ResultCode.NotFound, receipt.Code);
        Assert.Contains("links[1] names microshare lot 3, which does not exist; check the id (GetLot", receipt.Log);
        Assert.Equal(0UL, Prov.LastId(state));
        Assert.Null(Prov.Get(state, 1));
        Assert.Equal(0UL, ProvenanceIndex.ByLot(1).Count(state));
        Assert.Equal(0UL, ProvenanceIndex.ByLot(3).Count(state));
        Assert.Equal(0UL, ProvenanceIndex.ByEntity(1).Count(state));
        Assert.Empty(receipt.Events);
    }

    [Fact]
    public void Append_LinkingLots_IndexesTheRecordUnderEachLot_InIdOrder()
    {
        var state = TwoLots();
        Assert.Equal(ResultCode.Ok, Run(state, "owner", Linking("bale-1", 2)).Code);
        Assert.Equal(ResultCode.Ok, Run(state, "owner", Append(1, "bale-2")).Code);
        Assert.Equal(ResultCode.Ok, Run(state, "owner", Linking("bale-3", 1, 2)).Code);

        Assert.Equal([3UL], ProvenanceIndex.ByLot(1).Read(state, 0, 100));
        Assert.Equal(2UL, ProvenanceIndex.ByLot(2).Count(state));
        Assert.Equal([1UL, 3UL], ProvenanceIndex.ByLot(2).Read(state, 0, 100));
        Assert.Equal([3UL], ProvenanceIndex.ByLot(2).Read(state, 1, 100));
        Assert.Equal(0UL, ProvenanceIndex.ByLot(4).Count(state));
    }

    [Fact]
    public void ByLotIndex_SpillsIntoASecondChunk_AndStillReadsInIdOrder()
    {
        var state = TwoLots();
        int n = ProvenanceIndex.ChunkSize + 3;
        for (int i = 0; i < n; i++) Assert.Equal(ResultCode.Ok, Run(state, "owner", Linking($"bale-{i}", 1)).Code);

        var ids = ProvenanceIndex.ByLot(1).Read(state, 0, 1000);
        Assert.Equal(Enumerable.Range(1, n).Select(i => (ulong)i), ids);
        Assert.Equal(ids, ProvenanceIndex.ByLot(1).Enumerate(state));
        Assert.Equal([(ulong)ProvenanceIndex.ChunkSize, ProvenanceIndex.ChunkSize + 1UL],
            ProvenanceIndex.ByLot(1).Read(state, ProvenanceIndex.ChunkSize - 1, 2));
    }

    [Fact]
    public void GasCost_PaysAbout300PerIndexAppend_OfTheLargestRecord_IncludingLotLinks()
    {
        // Every item, input and (at most, all lot) link appends to one index, plus the entity and a correction.
        ulong appends = ProvenanceRules.MaxItems + ProvenanceRules.MaxInputs + ProvenanceRules.MaxLinks + 2UL;
        Assert.True(AppendProvenanceHandler.GasCost >= appends * 300,
            $"GasCost {AppendProvenanceHandler.GasCost} is below 300 gas for each of the {appends} index appends of the largest record");
    }
}
