using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Node.Api;
using Seratio.Node.Api.Queries;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Assets;
using Seratio.Vm.Modules.Certificates;
using Seratio.Vm.Modules.Microshares;
using Seratio.Vm.State;

namespace Seratio.Node.Tests.Api;

/// <summary>
/// The provenance part of a lot's lineage: records linking the lot, appended by the real executor
/// (state set into the fake chain), are listed in id order, cut at <see cref="MicroshareQueryService.MaxLineageRecords"/>
/// with their full count, and paged in full by ListProvenanceRecords with microshare_lot_id.
/// </summary>
public class LotLineageQueryTests
{
    private const int Linking = MicroshareQueryService.MaxLineageRecords + 5;

    [Fact]
    public async Task Lineage_ListsTheFirstHundredLinkingRecordsInIdOrder_WithTheirCount_AndListPagesTheRest()
    {
        var f = new ApiFixture();
        foreach (var (key, value) in LinkedLot()) f.Chain.SetState(key, value);
        f.Chain.Commit();

        var lineage = await f.Service.GetLotLineage(new GetLotLineageRequest { LotId = 1 }, f.Context);
        // Record 1 links lot 2 only; records 2.. link lot 1.
        Assert.Equal(Enumerable.Range(2, MicroshareQueryService.MaxLineageRecords).Select(i => (ulong)i), lineage.ProvenanceRecordIds);
        Assert.Equal((ulong)Linking, lineage.ProvenanceRecordCount);
        var other = await f.Service.GetLotLineage(new GetLotLineageRequest { LotId = 2 }, f.Context);
        Assert.Equal([1UL], other.ProvenanceRecordIds);
        Assert.Equal(1UL, other.ProvenanceRecordCount);

        var first = await f.Service.ListProvenanceRecords(new ListProvenanceRecordsRequest { MicroshareLotId = 1, PageSize = 100 }, f.Context);
        var rest = await f.Service.ListProvenanceRecords(new ListProvenanceRecordsRequest { MicroshareLotId = 1, PageSize = 100, PageToken = first.NextPageToken }, f.Context);
        Assert.Equal((ulong)Linking, first.Total);
        Assert.Equal(Enumerable.Range(2, Linking).Select(i => (ulong)i), first.Records.Concat(rest.Records).Select(r => r.Id));
        Assert.Empty(rest.NextPageToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => f.Service.ListProvenanceRecords(new ListProvenanceRecordsRequest { MicroshareLotId = 9 }, f.Context));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("no microshare lot 9", error.Status.Detail);
    }

    /// <summary>
    /// Certificate 1, class 1 and lots 1 and 2 written directly; entity 1; record 1 linking lot 2, then
    /// <see cref="Linking"/> records linking lot 1, all executed by <see cref="BlockExecutor"/>.
    /// </summary>
    private static Dictionary<Hash32, byte[]> LinkedLot()
    {
        using var key = SigningKey.ForTesting("node-tests/lot-lineage");
        var flags = new LotFlags { CertificateId = 1, OriginAsset = "SER", OriginAmount = "10", MintHeight = 1 };
        var state = new Dictionary<Hash32, byte[]>
        {
            [AccountKeys.Account(key.Address)] = Accounts.Encode(new AccountRecord(0, Ser.Whole(1_000))),
            [CertificateKeys.Certificate(1)] = new CertificateState { Id = 1, Subject = 1 }.ToByteArray(),
            [MicroshareKeys.Class(1)] = new MicroshareClassState { Id = 1, Symbol = "GOOD" }.ToByteArray(),
            [MicroshareKeys.Lot(1)] = new MicroshareLotState { Id = 1, ClassId = 1, Flags = flags }.ToByteArray(),
            [MicroshareKeys.Lot(2)] = new MicroshareLotState { Id = 2, ClassId = 1, Flags = flags }.ToByteArray(),
        };
        var register = new MsgRegisterEntity { Kind = EntityKind.Process, Name = "mill" };
        register.Controllers.Add(key.Address.ToByteString());
        var txs = new List<SignedTx> { Sign(key, 0, new Msg { RegisterEntity = register }), Sign(key, 1, Append("bale", 2)) };
        for (int i = 0; i < Linking; i++) txs.Add(Sign(key, (ulong)i + 2, Append($"bale-{i}", 1)));
        var context = new BlockContext(Mempool.FakeChain.TestChainId, 1, 1_000, key.Address, new ChainParams());
        var outcome = new BlockExecutor().Execute(new Reader(state), context, txs);
        Assert.All(outcome.Receipts, r => Assert.True(r.Code == ResultCode.Ok, r.Log));
        foreach (var change in outcome.Changes) state[change.Key] = change.Value!;
        return state;
    }

    private static Msg Append(string item, ulong lot)
    {
        var append = new MsgAppendProvenance { EntityId = 1, EventKind = ProvenanceEventKind.Object, EventTimeMs = 1 };
        append.Items.Add(item);
        append.Links.Add(new ProvenanceLink { MicroshareLotId = lot });
        return new Msg { AppendProvenance = append };
    }

    private static SignedTx Sign(SigningKey key, ulong nonce, Msg msg)
    {
        var body = new TxBody { ChainId = Mempool.FakeChain.TestChainId, Sender = key.Address.ToByteString(), Nonce = nonce, GasLimit = 200_000 };
        body.Msgs.Add(msg);
        TxDecoder.TryDecode(TxDecoder.Sign(body, key), Mempool.FakeChain.TestChainId, TxDecoder.MaxTxBytes, out var tx, out _);
        return tx!;
    }

    private sealed class Reader(Dictionary<Hash32, byte[]> state) : IStateReader
    {
        public byte[]? Get(in Hash32 key) => state.TryGetValue(key, out var value) ? value : null;
    }
}
