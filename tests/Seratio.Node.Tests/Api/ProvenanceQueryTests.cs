using Grpc.Core;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Assets;
using Seratio.Vm.Modules.Provenance;
using Seratio.Vm.State;

namespace Seratio.Node.Tests.Api;

/// <summary>
/// The work bound of lineage walks: a record with more children than a walk may page through
/// (the state built by the real executor and set into the fake chain).
/// </summary>
public class ProvenanceQueryTests
{
    private const int Children = (int)ProvenanceLineage.MaxSkip + 150;

    [Fact]
    public async Task Lineage_PastTheFurthestPage_IsOutOfRange_AndEarlierPagesAreServed()
    {
        var f = new ApiFixture();
        foreach (var (key, value) in StarGraph()) f.Chain.SetState(key, value);
        f.Chain.Commit(); // height 1 holds the graph; page tokens pin it

        var request = new GetProvenanceLineageRequest { Id = 1, Direction = ProvenanceLineageDirection.Descendants, PageSize = 100 };
        var first = await f.Service.GetProvenanceLineage(request, f.Context);
        Assert.Equal(100, first.Entries.Count);
        Assert.Equal(2UL, first.Entries[0].Record.Id);
        Assert.EndsWith(":100:1-d1", first.NextPageToken);

        string lastGood = first.NextPageToken.Replace(":100:", $":{ProvenanceLineage.MaxSkip - 100}:", StringComparison.Ordinal);
        var near = await f.Service.GetProvenanceLineage(new GetProvenanceLineageRequest(request) { PageToken = lastGood }, f.Context);
        Assert.Equal((ulong)ProvenanceLineage.MaxSkip - 100 + 2, near.Entries[0].Record.Id);

        var error = await Assert.ThrowsAsync<RpcException>(() => f.Service.GetProvenanceLineage(new GetProvenanceLineageRequest(request) { PageToken = near.NextPageToken }, f.Context));
        Assert.Equal(StatusCode.OutOfRange, error.StatusCode);
        Assert.Contains($"more than {ProvenanceLineage.MaxSkip} records within depth 1", error.Status.Detail);

        var list = await f.Service.ListProvenanceRecords(new ListProvenanceRecordsRequest { Item = "child", PageSize = 100 }, f.Context);
        Assert.Equal((ulong)Children, list.Total);
    }

    /// <summary>Entity 1, root record 1, and <see cref="Children"/> records naming it as input.</summary>
    private static Dictionary<Hash32, byte[]> StarGraph()
    {
        using var key = SigningKey.ForTesting("node-tests/provenance");
        var state = new Dictionary<Hash32, byte[]>
        {
            [AccountKeys.Account(key.Address)] = Accounts.Encode(new AccountRecord(0, Ser.Whole(1_000))),
        };
        var register = new MsgRegisterEntity { Kind = EntityKind.Process, Name = "star" };
        register.Controllers.Add(key.Address.ToByteString());
        var txs = new List<SignedTx> { Sign(key, 0, new Msg { RegisterEntity = register }), Sign(key, 1, Append("root")) };
        for (int i = 0; i < Children; i++) txs.Add(Sign(key, (ulong)i + 2, Append("child", 1)));
        var context = new BlockContext(Mempool.FakeChain.TestChainId, 1, 1_000, key.Address, new ChainParams());
        var outcome = new BlockExecutor().Execute(new Reader(state), context, txs);
        Assert.All(outcome.Receipts, r => Assert.Equal(ResultCode.Ok, r.Code));
        foreach (var change in outcome.Changes) state[change.Key] = change.Value!;
        return state;
    }

    private static Msg Append(string item, params ulong[] inputs)
    {
        var append = new MsgAppendProvenance { EntityId = 1, EventKind = ProvenanceEventKind.Object, EventTimeMs = 1 };
        append.Items.Add(item);
        append.Inputs.Add(inputs);
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
