using Seratio.Protocol;
using Seratio.Vm.Modules.Provenance;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.ProvenanceMsgs;
using static Seratio.Vm.Tests.Support.ValueMsgs;

namespace Seratio.Vm.Tests.Modules.Provenance;

public class ProvenanceByLotIndexTests
{
    private static Msg LinkingLots(string item, params ulong[] lots)
    {
        var append = Record(1, [item]);
        foreach (var lot in lots) append.Links.Add(new ProvenanceLink { MicroshareLotId = lot });
        append.Links.Add(new ProvenanceLink { AssetSymbol = "SER" });
        return Append(append);
    }

    [Fact]
    public void Append_WithLotLinks_ListsTheRecordUnderEachLinkedLot_InAppendOrder()
    {
        var state = NewState("alice");
        Run(state, "alice", Register("farm", "alice"));
        Assert.Equal(ResultCode.Ok, Run(state, "alice", LinkingLots("a", 7, 9)).Code);
        Assert.Equal(ResultCode.Ok, Run(state, "alice", Append(1, "b")).Code);
        Assert.Equal(ResultCode.Ok, Run(state, "alice", LinkingLots("c", 9)).Code);

        Assert.Equal([1UL], ProvenanceIndex.ByLot(7).Read(state, 0, 10));
        Assert.Equal([1UL, 3UL], ProvenanceIndex.ByLot(9).Read(state, 0, 10));
        Assert.Equal(0UL, ProvenanceIndex.ByLot(8).Count(state));
    }
}
