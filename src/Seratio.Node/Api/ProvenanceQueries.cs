using System.Globalization;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Node.Chain;
using Seratio.Protocol;
using Seratio.Vm.Modules.Entities;
using Seratio.Vm.Modules.Provenance;
using Seratio.Vm.State;

namespace Seratio.Node.Api;

/// <summary>
/// The provenance queries behind <see cref="NodeApiService"/> (docs/modules/provenance.md): a record
/// with its proof and corrections, lineage walks and records by entity or item. Bad input is
/// InvalidArgument, unknown ids NotFound, heights above the head OutOfRange; the depth (≤ 16), the
/// page size (≤ 100) and the furthest page (10,000 records in) bound the work of one call.
/// Stateless apart from the chain reader; thread safe.
/// </summary>
internal sealed class ProvenanceQueries(IChainReader chain)
{
    public const uint DefaultPageSize = 50;
    public const uint MaxPageSize = 100;
    public const int MaxCorrectionsListed = 100;

    public ProvenanceRecordResponse GetRecord(GetProvenanceRecordRequest request)
    {
        RequireId(request.Id, "id");
        var (height, root, state) = At(request.Height);
        var record = Known(state, request.Id, height);
        var corrections = ProvenanceIndex.Corrections(request.Id);
        var response = new ProvenanceRecordResponse
        {
            Record = record,
            Height = height,
            StateRoot = root.ToByteString(),
            CorrectionsCount = corrections.Count(state),
            ChildrenCount = ProvenanceIndex.Children(request.Id).Count(state),
        };
        response.Corrections.Add(corrections.Read(state, 0, MaxCorrectionsListed));
        if (request.Prove) response.Proof = chain.Prove(StateKeys.ProvenanceRecord(request.Id), height);
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
        int size = PageSize(request.PageSize);

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
        var (height, _, state) = At(requested);
        Known(state, request.Id, height);

        var page = ProvenanceLineage.Walk(state, request.Id, direction, depth, skip, size);
        var response = new ProvenanceLineageResponse { Height = height };
        foreach (var entry in page.Entries)
            response.Entries.Add(new ProvenanceLineageEntry { Record = Stored(state, entry.Id), Depth = entry.Depth });
        ulong next = skip + (ulong)page.Entries.Count;
        if (page.HasMore)
        {
            if (next > ProvenanceLineage.MaxSkip)
                throw ApiErrors.OutOfRange($"this lineage has more than {ProvenanceLineage.MaxSkip} records within depth {depth}; ask a smaller depth, or walk on from a record of the last page");
            response.NextPageToken = string.Create(CultureInfo.InvariantCulture, $"{height}:{next}:{walk}");
        }
        return response;
    }

    public ListProvenanceRecordsResponse List(ListProvenanceRecordsRequest request)
    {
        int size = PageSize(request.PageSize);
        ulong from = 0;
        if (request.PageToken.Length > 0 &&
            !ulong.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out from))
            throw ApiErrors.Invalid($"page_token '{request.PageToken}' is not one this node gave; pass next_page_token of the previous page, or empty for the first");
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
        var (height, _, state) = At(request.Height);
        if (request.ByCase == ListProvenanceRecordsRequest.ByOneofCase.EntityId && Entities.Get(state, request.EntityId) is null)
            throw ApiErrors.NotFound($"no entity {request.EntityId} at height {height}; check the id (GetEntity)");
        if (request.ByCase == ListProvenanceRecordsRequest.ByOneofCase.MicroshareLotId
            && Vm.Modules.Microshares.Microshares.GetLot(state, request.MicroshareLotId) is null)
            throw ApiErrors.NotFound($"no microshare lot {request.MicroshareLotId} at height {height}; check the id (GetLot)");

        ulong total = index.Count(state);
        var response = new ListProvenanceRecordsResponse { Height = height, Total = total };
        foreach (var id in index.Read(state, from, size)) response.Records.Add(Stored(state, id));
        ulong next = from + (ulong)response.Records.Count;
        if (next < total) response.NextPageToken = next.ToString(CultureInfo.InvariantCulture);
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
        throw ApiErrors.Invalid($"page_token '{Printable(token)}' is not one this node gave; pass next_page_token of the previous page, or empty for the first");
    }

    private static int PageSize(uint requested)
    {
        if (requested > MaxPageSize)
            throw ApiErrors.Invalid($"page_size {requested} is above {MaxPageSize}; ask for at most {MaxPageSize} per page");
        return (int)(requested == 0 ? DefaultPageSize : requested);
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

    private static string Printable(string s) => s.Length <= 32 ? s : s[..32] + "…";

    private (ulong Height, Hash32 Root, IStateReader State) At(ulong requested)
    {
        var head = chain.Head.Height;
        ulong height = requested == 0 ? head : requested;
        if (height > head) throw ApiErrors.AboveHead("height", height, head);
        var root = chain.StateRootAt(height)
            ?? throw ApiErrors.NotFound($"state of height {height} is no longer retained on this node; ask for a later height or 0 for the latest");
        return (height, root, new ChainStateReader(chain, height));
    }
}
