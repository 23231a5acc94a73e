using Google.Protobuf;
using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;
using Seratio.Vm.Modules.Microshares;
using Seratio.Vm.Modules;
using Seratio.Vm.Modules.Provenance;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.ProvenanceMsgs;
using static Seratio.Vm.Tests.Support.ValueMsgs;

namespace Seratio.Vm.Tests.Modules.Provenance;

public class ProvenanceRulesTests
{
    /// <summary>alice controls entity 1, bob entity 2.</summary>
    private static MemoryState TwoEntities()
    {
        var state = NewState("alice", "bob", "mallory");
        Assert.Equal(ResultCode.Ok, Run(state, "alice", Register("farm", "alice")).Code);
        Assert.Equal(ResultCode.Ok, Run(state, "bob", Register("mill", "bob")).Code);
        return state;
    }

    [Fact]
    public void Append_ByAController_AssignsSequentialIds_WithBlockTimeAndSigner()
    {
        var state = TwoEntities();
        var first = Run(state, "alice", 7, Append(1, "lot-1"));
        var second = Run(state, "alice", 8, Append(1, "lot-2", 1));

        Assert.Equal(ResultCode.Ok, first.Code);
        Assert.Equal(ResultCode.Ok, second.Code);
        var record = Vm.Modules.Provenance.Provenance.Get(state, 2)!;
        Assert.Equal(2UL, record.Id);
        Assert.Equal(1UL, record.EntityId);
        Assert.Equal([1UL], record.Inputs);
        Assert.Equal(8UL, record.Height);
        Assert.Equal(Blocks.Context(8).TimeUnixMs, record.BlockTimeMs);
        Assert.Equal(1_690_000_000_000, record.EventTimeMs);
        Assert.Equal(Addr("alice").ToByteString(), record.Signer);
        Assert.Equal(2UL, Vm.Modules.Provenance.Provenance.LastId(state));
        Assert.Equal([2UL], ProvenanceIndex.Children(1).Read(state, 0, 10));
        Assert.Equal([1UL, 2UL], ProvenanceIndex.ByEntity(1).Read(state, 0, 10));
        Assert.Equal([2UL], ProvenanceIndex.ByItem("lot-2").Read(state, 0, 10));
        var ev = Assert.Single(second.Events);
        Assert.Equal(AppendProvenanceHandler.EventType, ev.Type);
        Assert.Equal("2", Attributes(ev)["id"]);
        Assert.Equal("1", Attributes(ev)["input"]);
        Assert.Equal("object", Attributes(ev)["kind"]);
    }

    [Fact]
    public void Append_ByANonController_IsUnauthorized_AndWritesNothing()
    {
        var state = TwoEntities();
        var receipt = Run(state, "mallory", Append(1, "lot-1"));
        Assert.Equal(ResultCode.Unauthorized, receipt.Code);
        Assert.Contains("is not a controller of entity 1", receipt.Log);
        Assert.Equal(0UL, Vm.Modules.Provenance.Provenance.LastId(state));
    }

    [Fact]
    public void Append_ForAnUnknownEntity_IsNotFound()
    {
        var state = TwoEntities();
        var receipt = Run(state, "alice", Append(9, "lot-1"));
        Assert.Equal(ResultCode.NotFound, receipt.Code);
        Assert.Contains("entity 9 does not exist", receipt.Log);
    }

    [Fact]
    public void Append_NamingItsOwnIdAsInput_IsNotFound_AndSaysARecordCannotNameItself()
    {
        var state = TwoEntities();
        Run(state, "alice", Append(1, "lot-1"));
        var receipt = Run(state, "alice", Append(1, "lot-2", 2));
        Assert.Equal(ResultCode.NotFound, receipt.Code);
        Assert.Contains("inputs[0] is record 2, the id this record is getting; a record cannot name itself", receipt.Log);
        Assert.Null(Vm.Modules.Provenance.Provenance.Get(state, 2));
    }

    [Fact]
    public void Append_WithAMissingInput_IsNotFound_AndNamesTheLastRecord()
    {
        var state = TwoEntities();
        Run(state, "alice", Append(1, "lot-1"));
        var receipt = Run(state, "alice", Append(1, "lot-2", 1, 5));
        Assert.Equal(ResultCode.NotFound, receipt.Code);
        Assert.Contains("inputs[1] is record 5, which does not exist yet (the last record is 1)", receipt.Log);
        Assert.Equal(0UL, ProvenanceIndex.Children(1).Count(state));
    }

    [Fact]
    public void Append_FromAnotherEntitysRecords_IsAllowed_AcrossEntities()
    {
        var state = TwoEntities();
        Run(state, "alice", Append(1, "wheat"));
        var receipt = Run(state, "bob", Append(2, "flour", 1));
        Assert.Equal(ResultCode.Ok, receipt.Code);
        Assert.Equal([2UL], ProvenanceIndex.Children(1).Read(state, 0, 10));
    }

    [Fact]
    public void Correction_OfTheSameEntity_IsIndexedUnderTheCorrectedRecord()
    {
        var state = TwoEntities();
        Run(state, "alice", Append(1, "lot-1"));
        var correction = Record(1, ["lot-1"]);
        correction.Corrects = 1;
        var receipt = Run(state, "alice", Append(correction));
        Assert.Equal(ResultCode.Ok, receipt.Code);
        Assert.Equal(1UL, Vm.Modules.Provenance.Provenance.Get(state, 2)!.Corrects);
        Assert.Equal([2UL], ProvenanceIndex.Corrections(1).Read(state, 0, 10));
        Assert.Equal("1", Attributes(Assert.Single(receipt.Events))["corrects"]);
    }

    [Fact]
    public void Correction_OfAnotherEntitysRecord_IsInvalid()
    {
        var state = TwoEntities();
        Run(state, "alice", Append(1, "lot-1"));
        var correction = Record(2, ["lot-1"]);
        correction.Corrects = 1;
        var receipt = Run(state, "bob", Append(correction));
        Assert.Equal(ResultCode.InvalidMsg, receipt.Code);
        Assert.Contains("corrects names record 1 of entity 1; a correction must be about the same entity (2)", receipt.Log);
    }

    [Fact]
    public void Correction_OfAnUnknownRecord_IsNotFound()
    {
        var state = TwoEntities();
        var correction = Record(1, ["lot-1"]);
        correction.Corrects = 3;
        var receipt = Run(state, "alice", Append(correction));
        Assert.Equal(ResultCode.NotFound, receipt.Code);
        Assert.Contains("corrects is record 3", receipt.Log);
    }

    [Fact]
    public void Links_ToSerAnExistingAltcoinAndCertificate_AreStoredTyped_AndUnknownOnesAreNotFound()
    {
        var state = TwoEntities();
        state.With(CertificateKeys.Certificate(4), new CertificateState { Id = 4, Subject = 1 }.ToByteArray());
        state.With(MicroshareKeys.Lot(9), new MicroshareLotState { Id = 9, ClassId = 1 }.ToByteArray());
        Run(state, Authority, Grant("alice", Role.RewardingBody));
        Assert.Equal(ResultCode.Ok, Run(state, "alice", Create("WHEAT", "1000", "alice")).Code);
        var append = Record(1, ["lot-1"]);
        append.Links.Add(new ProvenanceLink { AssetSymbol = "SER" });
        append.Links.Add(new ProvenanceLink { AssetSymbol = "WHEAT" });
        append.Links.Add(new ProvenanceLink { CertificateId = 4 });
        append.Links.Add(new ProvenanceLink { MicroshareLotId = 9 });
        Assert.Equal(ResultCode.Ok, Run(state, "alice", Append(append)).Code);
        Assert.Equal(["asset:SER", "asset:WHEAT", "certificate:4", "lot:9"],
            Vm.Modules.Provenance.Provenance.Get(state, 1)!.Links.Select(Vm.Modules.Provenance.Provenance.LinkText));

        var unknown = Record(1, ["lot-2"]);
        unknown.Links.Add(new ProvenanceLink { AssetSymbol = "BARLEY" });
        var receipt = Run(state, "alice", Append(unknown));
        Assert.Equal(ResultCode.NotFound, receipt.Code);
        Assert.Contains("links[0] names asset 'BARLEY', which does not exist", receipt.Log);

        var noCertificate = Record(1, ["lot-3"]);
        noCertificate.Links.Add(new ProvenanceLink { AssetSymbol = "SER" });
        noCertificate.Links.Add(new ProvenanceLink { CertificateId = 5 });
        receipt = Run(state, "alice", Append(noCertificate));
        Assert.Equal(ResultCode.NotFound, receipt.Code);
        Assert.Contains("links[1] names certificate 5, which does not exist", receipt.Log);
        Assert.Null(Vm.Modules.Provenance.Provenance.Get(state, 2));
    }

    [Fact]
    public void FailingSecondMessage_UndoesTheFirstAppend_AndTheCounter()
    {
        var state = TwoEntities();
        var receipt = Run(state, "alice", Append(1, "lot-1"), Append(1, "lot-2", 7));
        Assert.Equal(ResultCode.NotFound, receipt.Code);
        Assert.StartsWith("message 1 (append-provenance)", receipt.Log);
        Assert.Equal(0UL, Vm.Modules.Provenance.Provenance.LastId(state));
        Assert.Equal(0UL, ProvenanceIndex.ByEntity(1).Count(state));
        Assert.Equal(0UL, ProvenanceIndex.ByItem("lot-1").Count(state));
        Assert.Empty(receipt.Events);
    }

    [Fact]
    public void Indexes_SpanChunks_AndPageFromAnyPosition()
    {
        var state = TwoEntities();
        const int n = ProvenanceIndex.ChunkSize * 2 + 5;
        for (int i = 0; i < n; i++) Assert.Equal(ResultCode.Ok, Run(state, "alice", i == 0 ? Append(1, "pallet") : Append(1, "pallet", 1)).Code);
        Assert.Equal((ulong)n, ProvenanceIndex.ByItem("pallet").Count(state));
        Assert.Equal(Enumerable.Range(1, n).Select(i => (ulong)i), ProvenanceIndex.ByItem("pallet").Enumerate(state));
        Assert.Equal([63UL, 64UL, 65UL, 66UL], ProvenanceIndex.ByEntity(1).Read(state, 62, 4));
        Assert.Equal((ulong)(n - 1), ProvenanceIndex.Children(1).Count(state));
    }

    public static TheoryData<MsgAppendProvenance, string> Malformed()
    {
        MsgAppendProvenance With(Action<MsgAppendProvenance> change)
        {
            var m = Record(1, ["lot-1"]);
            change(m);
            return m;
        }
        return new()
        {
            { Record(0, ["x"]), "entity_id is required" },
            { With(m => m.EventKind = (ProvenanceEventKind)8), "event_kind 8 is unknown" },
            { Record(1, []), "items is empty" },
            { Record(1, ["a", "a"]), "items[1] ('a') is listed twice" },
            { Record(1, [new string('x', 129)]), "items[0] is 129 UTF-8 bytes; the limit is 128" },
            { Record(1, [.. Enumerable.Range(0, 65).Select(i => "i" + i)]), "65 items given; at most 64" },
            { With(m => m.EventTimeMs = 0), "event_time_ms is 0" },
            { With(m => m.Location = new string('l', 257)), "location is 257 UTF-8 bytes" },
            { With(m => m.BusinessStep = "a\nb"), "business_step contains a control character" },
            { Record(1, ["x"], 0), "inputs[0] is 0" },
            { Record(1, ["x"], 3, 3), "inputs[1] (record 3) is listed twice" },
            { Record(1, ["x"], [.. Enumerable.Range(1, 65).Select(i => (ulong)i)]), "65 inputs given; at most 64" },
            { With(m => m.Links.Add(new ProvenanceLink())), "links[0] names no target" },
            { With(m => m.Links.Add(new ProvenanceLink { CertificateId = 0 })), "links[0].certificate_id is 0" },
            { With(m => m.Links.Add(new ProvenanceLink { AssetSymbol = "lower" })), "links[0].asset_symbol" },
            { With(m => m.Links.Add([new ProvenanceLink { MicroshareLotId = 2 }, new ProvenanceLink { MicroshareLotId = 2 }])), "links[1] (lot:2) is listed twice" },
            { With(m => m.WithAttributes("https://x", 31)), "attributes_hash must be the 32-byte SHA-256" },
            { With(m => m.WithAttributes("", 32)), "attributes_uri is empty" },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedAppend_IsInvalid_BeforeItReachesState(MsgAppendProvenance append, string expected)
    {
        var msg = Append(append);
        var result = MsgHandlers.For(msg.KindCase)!.Validate(msg, Blocks.Params);
        Assert.Equal(ResultCode.InvalidMsg, result.Code);
        Assert.Contains(expected, result.Log);
    }
}
