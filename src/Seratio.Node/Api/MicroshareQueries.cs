using System.Globalization;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Node.Chain;
using Seratio.Protocol;
using Seratio.Vm.Modules.Altcoins;
using Seratio.Vm.Modules.Certificates;
using Seratio.Vm.Modules.Microshares;
using Seratio.Vm.Modules.Provenance;
using Seratio.Vm.State;

namespace Seratio.Node.Api;

/// <summary>
/// The queries of the microshare module behind <see cref="NodeApiService"/>: classes, lots (flags and
/// whether frozen, from the certificate's state at that height), holdings with flags, totals by origin
/// asset and a lot's lineage (with the first <see cref="MaxLineageRecords"/> provenance records linking it). Each reads state at the latest or a retained height, proves the value's key
/// when asked, and refuses bad input with InvalidArgument, unknown ids with NotFound and heights above
/// the head with OutOfRange. Stateless apart from the chain reader; thread safe.
/// </summary>
internal sealed class MicroshareQueries(IChainReader chain)
{
    public const uint DefaultPageSize = 50;
    public const uint MaxPageSize = 100;

    /// <summary>Provenance record ids a lineage lists; the rest are paged with ListProvenanceRecords by lot.</summary>
    public const int MaxLineageRecords = 100;

    public MicroshareClassResponse GetClass(GetMicroshareClassRequest request)
    {
        bool byId = request.Id != 0, bySymbol = request.Symbol.Length > 0;
        if (byId == bySymbol) throw ApiErrors.Invalid("give exactly one of id (a class id, from 1) and symbol");
        if (bySymbol && AssetSymbol.Problem(request.Symbol) is { } problem) throw ApiErrors.Invalid(problem);
        var at = At(request.Height);
        ulong id = byId ? request.Id : Microshares.ClassIdOf(at.State, request.Symbol);
        var c = (id == 0 ? null : Microshares.GetClass(at.State, id))
            ?? throw ApiErrors.NotFound(byId
                ? $"no microshare class {request.Id} at height {at.Height}; check the id"
                : $"no microshare class has symbol '{request.Symbol}' at height {at.Height}; check the symbol");
        var response = new MicroshareClassResponse { Class = c, Height = at.Height, StateRoot = at.Root.ToByteString() };
        foreach (var asset in c.ReserveAssets)
            response.Reserves.Add(Microshares.GetReserve(at.State, c.Id, asset)
                ?? throw new InvalidDataException($"class {c.Id} lists reserve asset {asset} but state holds no such reserve"));
        if (request.Prove) response.Proof = chain.Prove(StateKeys.MicroshareClass(c.Id), at.Height);
        return response;
    }

    public LotResponse GetLot(GetLotRequest request)
    {
        if (request.Id == 0) throw ApiErrors.Invalid("id is required: lot ids start at 1");
        var at = At(request.Height);
        var lot = Lot(at, request.Id);
        var response = new LotResponse { Lot = lot, Status = Status(at, lot), Height = at.Height, StateRoot = at.Root.ToByteString() };
        if (request.Prove) response.Proof = chain.Prove(StateKeys.MicroshareLot(request.Id), at.Height);
        return response;
    }

    public MicroshareHoldingsResponse GetHoldings(GetMicroshareHoldingsRequest request)
    {
        var address = ApiErrors.RequireAddress(request.Address, "address");
        if (request.ClassId == 0) throw ApiErrors.Invalid("class_id is required: microshare class ids start at 1");
        if (request.PageSize > MaxPageSize)
            throw ApiErrors.Invalid($"page_size {request.PageSize} is above {MaxPageSize}; ask for at most {MaxPageSize} per page");
        int size = (int)(request.PageSize == 0 ? DefaultPageSize : request.PageSize);
        ulong after = 0;
        if (request.PageToken.Length > 0 &&
            !ulong.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            throw ApiErrors.Invalid($"page_token '{request.PageToken}' is not one this node gave; pass next_page_token of the previous page, or empty for the first");
        var at = At(request.Height);
        KnownClass(at, request.ClassId);
        var holding = Microshares.GetHolding(at.State, address, request.ClassId);
        var response = new MicroshareHoldingsResponse
        {
            Address = address.ToString(),
            ClassId = request.ClassId,
            TotalUnits = HoldingOps.Total(holding).ToString(),
            Height = at.Height,
            StateRoot = at.Root.ToByteString(),
        };
        int start = 0;
        while (start < holding.Lots.Count && holding.Lots[start].LotId <= after) start++;
        for (int i = start; i < holding.Lots.Count && response.Lots.Count < size; i++)
        {
            var lot = Lot(at, holding.Lots[i].LotId);
            response.Lots.Add(new HeldLot { LotId = lot.Id, Units = holding.Lots[i].Units, Flags = lot.Flags, Status = Status(at, lot) });
        }
        if (start + response.Lots.Count < holding.Lots.Count)
            response.NextPageToken = response.Lots[^1].LotId.ToString(CultureInfo.InvariantCulture);
        if (request.Prove) response.Proof = chain.Prove(StateKeys.MicroshareHolding(address, request.ClassId), at.Height);
        return response;
    }

    public MicroshareTotalsResponse GetTotals(GetMicroshareTotalsRequest request)
    {
        if (request.ClassId == 0) throw ApiErrors.Invalid("class_id is required: microshare class ids start at 1");
        Address? holder = request.Holder.Length > 0 ? ApiErrors.RequireAddress(request.Holder, "holder") : null;
        var at = At(request.Height);
        var c = KnownClass(at, request.ClassId);
        var response = new MicroshareTotalsResponse { ClassId = c.Id, Holder = holder?.ToString() ?? "", Height = at.Height };
        if (holder is null)
        {
            foreach (var asset in c.ReserveAssets)
            {
                var reserve = Microshares.GetReserve(at.State, c.Id, asset)
                    ?? throw new InvalidDataException($"class {c.Id} lists reserve asset {asset} but state holds no such reserve");
                response.Totals.Add(new AssetUnits
                {
                    OriginAsset = asset,
                    Units = (Microshares.Units(reserve.UnitsMinted) - Microshares.Units(reserve.UnitsBurned)).ToString(),
                    FrozenUnits = "0",
                    Backing = (Microshares.Units(reserve.Committed) - Microshares.Units(reserve.Released)).ToString(),
                });
            }
            return response;
        }
        var sums = new SortedDictionary<string, (Amount Units, Amount Frozen)>(StringComparer.Ordinal);
        foreach (var entry in Microshares.GetHolding(at.State, holder.Value, c.Id).Lots)
        {
            var lot = Lot(at, entry.LotId);
            var units = Microshares.Units(entry.Units);
            sums.TryGetValue(lot.Flags.OriginAsset, out var sum);
            sums[lot.Flags.OriginAsset] = (sum.Units + units, Status(at, lot).Frozen ? sum.Frozen + units : sum.Frozen);
        }
        foreach (var (asset, sum) in sums)
            response.Totals.Add(new AssetUnits { OriginAsset = asset, Units = sum.Units.ToString(), FrozenUnits = sum.Frozen.ToString(), Backing = "" });
        return response;
    }

    public LotLineageResponse GetLineage(GetLotLineageRequest request)
    {
        if (request.LotId == 0) throw ApiErrors.Invalid("lot_id is required: lot ids start at 1");
        var at = At(request.Height);
        var lot = Lot(at, request.LotId);
        var certificate = Certificates.Get(at.State, lot.Flags.CertificateId)
            ?? throw new InvalidDataException($"lot {lot.Id} rests on certificate {lot.Flags.CertificateId}, which state does not hold");
        var response = new LotLineageResponse
        {
            Lot = lot,
            Status = LotStatuses.Of(certificate.Id, certificate, at.TimeUnixMs),
            Class = KnownClass(at, lot.ClassId),
            MintTxHash = lot.Flags.OriginTxHash,
            MintHeight = lot.Flags.MintHeight,
            Certificate = certificate,
            CertificateStatus = Certificates.StatusAt(certificate, at.TimeUnixMs),
            Height = at.Height,
        };
        if (chain.GetBlock(lot.Flags.MintHeight) is { } block) response.MintBlockHash = block.Hash.ToByteString();
        var records = ProvenanceIndex.ByLot(lot.Id);
        response.ProvenanceRecordCount = records.Count(at.State);
        response.ProvenanceRecordIds.Add(records.Read(at.State, 0, MaxLineageRecords));
        return response;
    }

    private readonly record struct Snapshot(ulong Height, Hash32 Root, long TimeUnixMs, IStateReader State);

    private static MicroshareLotState Lot(Snapshot at, ulong id) =>
        Microshares.GetLot(at.State, id) ?? throw ApiErrors.NotFound($"no lot {id} at height {at.Height}; check the id (GetMicroshareHoldings lists a holder's lots)");

    private static MicroshareClassState KnownClass(Snapshot at, ulong id) =>
        Microshares.GetClass(at.State, id) ?? throw ApiErrors.NotFound($"no microshare class {id} at height {at.Height}; check the id (GetMicroshareClass)");

    private static LotStatus Status(Snapshot at, MicroshareLotState lot) =>
        LotStatuses.Of(lot.Flags.CertificateId, Certificates.Get(at.State, lot.Flags.CertificateId), at.TimeUnixMs);

    private Snapshot At(ulong requested)
    {
        var head = chain.Head.Height;
        ulong height = requested == 0 ? head : requested;
        if (height > head) throw ApiErrors.AboveHead("height", height, head);
        var root = chain.StateRootAt(height)
            ?? throw ApiErrors.NotFound($"state of height {height} is no longer retained on this node; ask for a later height or 0 for the latest");
        long time = height == 0
            ? chain.Genesis.GenesisTimeUnixMs
            : (chain.GetBlock(height) ?? throw ApiErrors.NotFound($"block {height} is no longer retained on this node; ask for a later height or 0 for the latest"))
                .Block.Header.TimeUnixMs;
        return new Snapshot(height, root, time, new ChainStateReader(chain, height));
    }
}
