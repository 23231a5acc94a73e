using System.Globalization;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Entities;
using Seratio.Vm.Modules.Provenance;

namespace Seratio.Node.Api.Queries;

/// <summary>
/// The queries of the provenance module (docs/modules/provenance.md): a record with its proof and
/// corrections, lineage walks and records by entity, item or microshare lot. Bad input is InvalidArgument,
/// unknown ids NotFound; the depth (≤ 16), the page size (≤ 100) and the furthest page (10,000 records
/// in) bound the work of one call. Stateless apart from the scope; thread safe.
/// </summary>
internal sealed class ProvenanceQueryService(QueryScope scope)
{
    public const int MaxCorrectionsListed = 100;

    public ProvenanceRecordResponse GetRecord(GetProvenanceRecordRequest request)
    {
        RequireId(request.Id, "id");
        var at = scope.At(request.Height);
        var record = Known(at.State, request.Id, at.Height);
        var corrections = ProvenanceIndex.Corrections(request.Id);
        var response = new ProvenanceRecordResponse
        {
            Record = record,
            Height = at.Height,
            StateRoot = at.Root.ToByteString(),
            CorrectionsCount = corrections.Count(at.State),
            ChildrenCount = ProvenanceIndex.Children(request.Id).Count(at.State),
        };
        response.Corrections.Add(corrections.Read(at.State, 0, MaxCorrectionsListed));
        if (request.Prove) response.Proof = scope.Prove(ProvenanceKeys.Record(request.Id), at);
        return response;
    }

    public ProvenanceLineageResponse GetLineage(GetProvenanceLineageRequest request)
    {
        RequireId(request.Id, "id");
        var direction = request.Direction switch
        {
            ProvenanceLineageDirection.Ancestors => LineageDirection.Ancestors,
            ProvenanceLineageDirection.Descendants => LineageDirection.Descendants,
            _ => throw ApiErrors.Invalid($"direction {(int)request.Direction} is not one; use ancestors (1) or descendants (2)"),
        };
        if (request.Depth > ProvenanceLineage.MaxDepth)
            throw ApiErrors.Invalid($"depth {request.Depth} is above {ProvenanceLineage.MaxDepth}; walk at most {ProvenanceLineage.MaxDepth} levels per call and continue from a record of the last level");
        uint depth = request.Depth == 0 ? 1 : request.Depth;
        int size = Paging.Size(request.PageSize);

        ulong requested = request.Height, skip = 0;
        string walk = string.Create(CultureInfo.InvariantCulture, $"{request.Id}-{(direction == LineageDirection.Ancestors ? 'a' : 'd')}{depth}");
        if (request.PageToken.Length > 0)
        {
            (ulong tokenHeight, skip, string tokenWalk) = ParseLineageToken(request.PageToken);
            if (tokenWalk != walk)
                throw ApiErrors.Invalid("page_token belongs to another walk; keep id, direction and depth as they were for the first page");
            if (requested != 0 && requested != tokenHeight)
                throw ApiErrors.Invalid($"page_token belongs to height {tokenHeight}, not {requested}; pass height 0 or {tokenHeight} with it");
            requested = tokenHeight;
        }
        var at = scope.At(requested);
        Known(at.State, request.Id, at.Height);

        var page = ProvenanceLineage.Walk(at.State, request.Id, direction, depth, skip, size);
        var response = new ProvenanceLineageResponse { Height = at.Height };
        foreach (var entry in page.Entries)
            response.Entries.Add(new ProvenanceLineageEntry { Record = Stored(at.State, entry.Id), Depth = entry.Depth });
        ulong next = skip + (ulong)page.Entries.Count;
        if (page.HasMore)
        {
            if (next > ProvenanceLineage.MaxSkip)
                throw ApiErrors.OutOfRange($"this lineage has more than {ProvenanceLineage.MaxSkip} records within depth {depth}; ask a smaller depth, or walk on from a record of the last page");
            response.NextPageToken = string.Create(CultureInfo.InvariantCulture, $"{at.Height}:{next}:{walk}");
        }
        return response;
    }

    public ListProvenanceRecordsResponse List(ListProvenanceRecordsRequest request)
    {
        int size = Paging.Size(request.PageSize);
        ulong from = Paging.Position(request.PageToken);
        ProvenanceIndex index;
        switch (request.ByCase)
        {
            case ListProvenanceRecordsRequest.ByOneofCase.EntityId:
                RequireId(request.EntityId, "entity_id");
                index = ProvenanceIndex.ByEntity(request.EntityId);
                break;
            case ListProvenanceRecordsRequest.ByOneofCase.Item:
                if (request.Item.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(request.Item) > ProvenanceRules.MaxItemBytes)
                    throw ApiErrors.Invalid($"item must be 1-{ProvenanceRules.MaxItemBytes} UTF-8 bytes, as item ids of records are");
                index = ProvenanceIndex.ByItem(request.Item);
                break;
            case ListProvenanceRecordsRequest.ByOneofCase.MicroshareLotId:
                RequireId(request.MicroshareLotId, "microshare_lot_id");
                index = ProvenanceIndex.ByLot(request.MicroshareLotId);
                break;
            default:
                throw ApiErrors.Invalid("say whose records to list: set entity_id, item or microshare_lot_id");
        }
        var at = scope.At(request.Height);
        if (request.ByCase == ListProvenanceRecordsRequest.ByOneofCase.EntityId && Entities.Get(at.State, request.EntityId) is null)
            throw ApiErrors.NotFound($"no entity {request.EntityId} at height {at.Height}; check the id (GetEntity)");
        if (request.ByCase == ListProvenanceRecordsRequest.ByOneofCase.MicroshareLotId
            && Vm.Modules.Microshares.Microshares.GetLot(at.State, request.MicroshareLotId) is null)
            throw ApiErrors.NotFound($"no microshare lot {request.MicroshareLotId} at height {at.Height}; check the id (GetLot)");

        ulong total = index.Count(at.State);
        var response = new ListProvenanceRecordsResponse { Height = at.Height, Total = total };
        foreach (var id in index.Read(at.State, from, size)) response.Records.Add(Stored(at.State, id));
        ulong next = from + (ulong)response.Records.Count;
        if (next < total) response.NextPageToken = Paging.Token(next);
        return response;
    }

    /// <summary>"height:position:walk", the walk being "id-" + a|d + depth: a token only continues the walk that gave it.</summary>
    private static (ulong Height, ulong Skip, string Walk) ParseLineageToken(string token)
    {
        var parts = token.Split(':');
        if (parts.Length == 3
            && ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var skip)
            && height > 0 && skip <= ProvenanceLineage.MaxSkip)
            return (height, skip, parts[2]);
        throw Paging.InvalidToken(token);
    }

    private static void RequireId(ulong id, string field)
    {
        if (id == 0) throw ApiErrors.Invalid($"{field} is required: ids start at 1");
    }

    private static ProvenanceRecord Known(IStateReader state, ulong id, ulong height) =>
        Provenance.Get(state, id)
        ?? throw ApiErrors.NotFound($"no provenance record {id} at height {height} (the last is {Provenance.LastId(state)}); check the id, or ListProvenanceRecords by entity or item");

    private static ProvenanceRecord Stored(IStateReader state, ulong id) =>
        Provenance.Get(state, id) ?? throw new InvalidDataException($"a provenance index names record {id} but state does not hold it");

}
