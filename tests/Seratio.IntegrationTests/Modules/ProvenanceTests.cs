using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;
using Seratio.Vm.Modules.Provenance;
using Seratio.Vm.State;

namespace Seratio.IntegrationTests.Modules;

/// <summary>
/// Provenance through a real node process: a chain of records with inputs, a record proven against
/// the block's state root, lineage both ways with pagination, lists by entity and item, and each
/// bad input answered with a precise status or receipt code while the node keeps serving. The class
/// has its own node (its own fixture instance), so record ids are predictable.
/// </summary>
public sealed class ProvenanceTests(ValueModulesFixture fixture) : IClassFixture<ValueModulesFixture>
{
    private NodeApi.NodeApiClient Client => fixture.Client;

    [Fact]
    public async Task RecordChain_IsProven_WalkedBothWaysInPages_AndListed()
    {
        using var farmer = TestNetwork.Account(1);
        var entity = await RegisterAsync(farmer, "Green farm");
        // 1 harvest, 2 harvest, 3 = milling {1, 2}, 4 = baking {3}, 5 = shipping {4}, 6 corrects 5.
        var ids = new List<ulong>();
        foreach (var (item, inputs) in new (string, ulong[])[] { ("wheat-a", []), ("wheat-b", []), ("flour-1", [0, 1]), ("bread-1", [2]), ("bread-1", [3]) })
        {
            var receipt = await fixture.CommitAsync(farmer, Append(entity, item, [.. inputs.Select(i => ids[(int)i])]));
            Assert.Equal(ResultCode.Ok, receipt.Code);
            ids.Add(IdOf(receipt));
        }
        var correction = Record(entity, "bread-1", []);
        correction.Corrects = ids[4];
        correction.Disposition = "delivered";
        var corrected = await fixture.CommitAsync(farmer, new Msg { AppendProvenance = correction });
        Assert.Equal(ResultCode.Ok, corrected.Code);
        var correctionId = IdOf(corrected);

        var got = await Client.GetProvenanceRecordAsync(new GetProvenanceRecordRequest { Id = ids[2], Prove = true });
        Assert.Equal([ids[0], ids[1]], got.Record.Inputs);
        Assert.Equal(entity, got.Record.EntityId);
        Assert.Equal(farmer.Address.ToByteString(), got.Record.Signer);
        Assert.True(got.Record.BlockTimeMs > 0);
        Assert.Equal(1UL, got.ChildrenCount);
        await AssertProvenAsync(got.Height, got.StateRoot, got.Proof, ProvenanceKeys.Record(ids[2]));
        Assert.Equal(got.Record, ProvenanceRecord.Parser.ParseFrom(got.Proof.Value));
        var fixedOne = await Client.GetProvenanceRecordAsync(new GetProvenanceRecordRequest { Id = ids[4] });
        Assert.Equal([correctionId], fixedOne.Corrections);
        Assert.Equal(1UL, fixedOne.CorrectionsCount);

        var ancestors = await WalkAsync(ids[4], ProvenanceLineageDirection.Ancestors, 16, pageSize: 2);
        Assert.Equal([(ids[3], 1U), (ids[2], 2U), (ids[0], 3U), (ids[1], 3U)], ancestors);
        var shallow = await WalkAsync(ids[4], ProvenanceLineageDirection.Ancestors, 2, pageSize: 100);
        Assert.Equal([(ids[3], 1U), (ids[2], 2U)], shallow);
        var descendants = await WalkAsync(ids[0], ProvenanceLineageDirection.Descendants, 16, pageSize: 1);
        Assert.Equal([(ids[2], 1U), (ids[3], 2U), (ids[4], 3U)], descendants);

        var byItem = await Client.ListProvenanceRecordsAsync(new ListProvenanceRecordsRequest { Item = "bread-1", PageSize = 2 });
        Assert.Equal(3UL, byItem.Total);
        Assert.Equal([ids[3], ids[4]], byItem.Records.Select(r => r.Id));
        var rest = await Client.ListProvenanceRecordsAsync(new ListProvenanceRecordsRequest { Item = "bread-1", PageSize = 2, PageToken = byItem.NextPageToken });
        Assert.Equal([correctionId], rest.Records.Select(r => r.Id));
        Assert.Equal("", rest.NextPageToken);
        var byEntity = await Client.ListProvenanceRecordsAsync(new ListProvenanceRecordsRequest { EntityId = entity });
        Assert.Equal([.. ids, correctionId], byEntity.Records.Select(r => r.Id));
    }

    [Fact]
    public async Task BadAppends_AreRefusedPrecisely_AndNothingIsHalfApplied()
    {
        using var owner = TestNetwork.Account(2);
        using var stranger = TestNetwork.Account(3);
        var entity = await RegisterAsync(owner, "Mill");
        var first = await fixture.CommitAsync(owner, Append(entity, "sack-1", []));
        Assert.Equal(ResultCode.Ok, first.Code);
        ulong last = IdOf(first);

        // Malformed: refused statelessly at admission.
        var malformed = await fixture.SignAsync(owner, Append(entity, "sack-2", [last, last]));
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.SubmitTxAsync(new SubmitTxRequest { Tx = malformed }));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("is listed twice", error.Status.Detail);

        var stranger1 = await fixture.CommitAsync(stranger, Append(entity, "sack-2", [last]));
        Assert.Equal(ResultCode.Unauthorized, stranger1.Code);
        Assert.Contains("is not a controller of entity", stranger1.Log);

        // A good append followed by one naming a record that does not exist: neither applies.
        var half = await fixture.CommitAsync(owner, Append(entity, "sack-2", [last]), Append(entity, "sack-3", [last + 1_000]));
        Assert.Equal(ResultCode.NotFound, half.Code);
        Assert.Contains("which does not exist yet", half.Log);
        var unchanged = await Client.GetProvenanceRecordAsync(new GetProvenanceRecordRequest { Id = last });
        Assert.Equal(0UL, unchanged.ChildrenCount);
        Assert.Equal(0UL, (await Client.ListProvenanceRecordsAsync(new ListProvenanceRecordsRequest { Item = "sack-2" })).Total);

        // The id the record would get cannot be its own input.
        var self = await fixture.CommitAsync(owner, Append(entity, "sack-2", [last + 1]));
        Assert.Equal(ResultCode.NotFound, self.Code);
        Assert.Contains("a record cannot name itself", self.Log);

        Assert.Equal(ResultCode.Ok, (await fixture.CommitAsync(owner, Append(entity, "sack-2", [last]))).Code);
    }

    [Fact]
    public async Task BadQueries_GetPreciseStatuses()
    {
        using var owner = TestNetwork.Account(4);
        var entity = await RegisterAsync(owner, "Bakery");
        var one = IdOf(await fixture.CommitAsync(owner, Append(entity, "loaf", [])));
        var two = IdOf(await fixture.CommitAsync(owner, Append(entity, "loaf", [one])));
        var head = (await Client.GetStatusAsync(new GetStatusRequest())).LatestHeight;

        await AssertStatus(StatusCode.InvalidArgument, "id is required", Client.GetProvenanceRecordAsync(new GetProvenanceRecordRequest()).ResponseAsync);
        await AssertStatus(StatusCode.NotFound, "no provenance record 999999", Client.GetProvenanceRecordAsync(new GetProvenanceRecordRequest { Id = 999_999 }).ResponseAsync);
        await AssertStatus(StatusCode.OutOfRange, "above the latest height",
            Client.GetProvenanceRecordAsync(new GetProvenanceRecordRequest { Id = one, Height = head + 1000 }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "depth 17 is above 16", Lineage(two, ProvenanceLineageDirection.Ancestors, 17).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "use ancestors (1) or descendants (2)", Lineage(two, ProvenanceLineageDirection.Unspecified, 1).ResponseAsync);
        await AssertStatus(StatusCode.NotFound, "no provenance record 999999", Lineage(999_999, ProvenanceLineageDirection.Ancestors, 1).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "page_size 101",
            Client.GetProvenanceLineageAsync(new GetProvenanceLineageRequest { Id = two, Direction = ProvenanceLineageDirection.Ancestors, PageSize = 101 }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "page_token 'x:y'",
            Client.GetProvenanceLineageAsync(new GetProvenanceLineageRequest { Id = two, Direction = ProvenanceLineageDirection.Ancestors, PageToken = "x:y" }).ResponseAsync);
        string walk = $"{two}-a1";
        await AssertStatus(StatusCode.InvalidArgument, "page_token belongs to height",
            Client.GetProvenanceLineageAsync(new GetProvenanceLineageRequest { Id = two, Direction = ProvenanceLineageDirection.Ancestors, PageToken = $"1:1:{walk}", Height = 2 }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "page_token belongs to another walk",
            Client.GetProvenanceLineageAsync(new GetProvenanceLineageRequest { Id = two, Direction = ProvenanceLineageDirection.Descendants, PageToken = $"1:1:{walk}" }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "set entity_id, item or microshare_lot_id", Client.ListProvenanceRecordsAsync(new ListProvenanceRecordsRequest()).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "microshare_lot_id is required",
            Client.ListProvenanceRecordsAsync(new ListProvenanceRecordsRequest { MicroshareLotId = 0 }).ResponseAsync);
        await AssertStatus(StatusCode.NotFound, "no entity 424242",
            Client.ListProvenanceRecordsAsync(new ListProvenanceRecordsRequest { EntityId = 424_242 }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "item must be 1-128",
            Client.ListProvenanceRecordsAsync(new ListProvenanceRecordsRequest { Item = new string('i', 129) }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "page_token",
            Client.ListProvenanceRecordsAsync(new ListProvenanceRecordsRequest { EntityId = entity, PageToken = "abc" }).ResponseAsync);

        // Still serving.
        Assert.Equal([one], (await Client.GetProvenanceRecordAsync(new GetProvenanceRecordRequest { Id = two })).Record.Inputs);
    }

    private AsyncUnaryCall<ProvenanceLineageResponse> Lineage(ulong id, ProvenanceLineageDirection direction, uint depth) =>
        Client.GetProvenanceLineageAsync(new GetProvenanceLineageRequest { Id = id, Direction = direction, Depth = depth });

    /// <summary>Every page of a walk, checking that each page token pins the first page's height.</summary>
    private async Task<List<(ulong, uint)>> WalkAsync(ulong id, ProvenanceLineageDirection direction, uint depth, uint pageSize)
    {
        var all = new List<(ulong, uint)>();
        string token = "";
        ulong? height = null;
        do
        {
            var page = await Client.GetProvenanceLineageAsync(new GetProvenanceLineageRequest
            {
                Id = id, Direction = direction, Depth = depth, PageSize = pageSize, PageToken = token,
            });
            height ??= page.Height;
            Assert.Equal(height, page.Height);
            Assert.True(page.Entries.Count <= pageSize);
            all.AddRange(page.Entries.Select(e => (e.Record.Id, e.Depth)));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    private async Task<ulong> RegisterAsync(SigningKey controller, string name)
    {
        var register = new MsgRegisterEntity { Kind = EntityKind.Process, Name = name };
        register.Controllers.Add(controller.Address.ToByteString());
        var receipt = await fixture.CommitAsync(controller, new Msg { RegisterEntity = register });
        Assert.Equal(ResultCode.Ok, receipt.Code);
        return ulong.Parse(receipt.Events.Single().Attributes.First(a => a.Key == "id").Value, CultureInfo.InvariantCulture);
    }

    private static ulong IdOf(Receipt receipt) =>
        ulong.Parse(receipt.Events.Single(e => e.Type == "provenance_appended").Attributes.First(a => a.Key == "id").Value, CultureInfo.InvariantCulture);

    private static MsgAppendProvenance Record(ulong entity, string item, ulong[] inputs)
    {
        var append = new MsgAppendProvenance
        {
            EntityId = entity,
            EventKind = inputs.Length > 0 ? ProvenanceEventKind.Transformation : ProvenanceEventKind.Object,
            Location = "urn:epc:id:sgln:0614141.00777.0",
            EventTimeMs = 1_690_000_000_000,
            BusinessStep = inputs.Length > 0 ? "commissioning" : "harvesting",
            Disposition = "active",
            AttributesUri = "ipfs://attrs/" + item,
            AttributesHash = Hash32.Sha256(System.Text.Encoding.UTF8.GetBytes(item)).ToByteString(),
        };
        append.Items.Add(item);
        append.Inputs.Add(inputs);
        append.Links.Add(new ProvenanceLink { AssetSymbol = "SER" });
        return append;
    }

    private static Msg Append(ulong entity, string item, ulong[] inputs) => new() { AppendProvenance = Record(entity, item, inputs) };

    private async Task AssertProvenAsync(ulong height, ByteString stateRoot, StateProof proof, Hash32 key)
    {
        var header = (await Client.GetBlockAsync(new GetBlockRequest { Height = height })).Block.Header;
        var root = Hash32.FromByteString(stateRoot, "state_root");
        Assert.Equal(Hash32.FromByteString(header.StateRoot, "header.state_root"), root);
        Assert.Equal(key, Hash32.FromByteString(proof.Key, "proof.key"));
        Assert.True(proof.Exists);
        Assert.True(StateProofVerifier.Verify(root, proof, out var reason), reason);
    }

    private static async Task AssertStatus<T>(StatusCode code, string fragment, Task<T> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);
        Assert.Equal(code, error.StatusCode);
        Assert.Contains(fragment, error.Status.Detail);
    }
}
