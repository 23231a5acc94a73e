using Grpc.Core;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Graphs;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.Lots;

/// <summary>
/// A microshare lot's lineage: the origin asset and amount, the minting transaction, the lot, its certificate and that
/// certificate's entity, the holders found, and the provenance records linking the lot; drawn and written out. The
/// node indexes no holders of a lot, so the page looks at the minter, the entity's controllers and an address the
/// reader asks about (?holder=), at most <see cref="MaxHolderCandidates"/>.
/// </summary>
public sealed class DetailModel(PortalNode node) : PageModel
{
    public const int MaxHolderCandidates = 10;
    public const int MaxDrawnRecords = 8;

    public LotLineageResponse Lineage { get; private set; } = new();
    public EntityState? Entity { get; private set; }
    public IReadOnlyList<(string Address, string Units, string Why)> Holders { get; private set; } = [];
    public string? AskedHolder { get; private set; }
    public string? HolderError { get; private set; }
    public string Svg { get; private set; } = "";

    public async Task OnGetAsync(ulong id, string? holder, CancellationToken ct)
    {
        Lineage = await node.Api.GetLotLineageAsync(new GetLotLineageRequest { LotId = id }, node.Call(ct));
        var lot = Lineage.Lot;
        if (Lineage.Certificate is { } cert && cert.Id != 0)
        {
            try { Entity = (await node.Api.GetEntityAsync(new GetEntityRequest { Id = cert.Subject }, node.Call(ct))).Entity; }
            catch (RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound) { Entity = null; }
        }

        var candidates = new List<(string Address, string Why)> { (Pages.Shared.Format.Address(lot.Flags.Minter), "minter") };
        if (Entity is not null)
            foreach (var c in Entity.Controllers) candidates.Add((Pages.Shared.Format.Address(c), "controller of the entity"));
        if (!string.IsNullOrWhiteSpace(holder))
        {
            AskedHolder = holder.Trim();
            if (Core.Addressing.Address.TryParse(AskedHolder, out _, out var error)) candidates.Add((AskedHolder, "asked for"));
            else HolderError = $"{AskedHolder} is not an address: {error}";
        }
        var holders = new List<(string, string, string)>();
        foreach (var (address, why) in candidates.DistinctBy(c => c.Address).Take(MaxHolderCandidates))
        {
            var units = await UnitsAsync(address, lot.ClassId, lot.Id, ct);
            if (units is not null) holders.Add((address, units, why));
            else if (why == "asked for") holders.Add((address, "0", why));
        }
        Holders = holders;
        Svg = Draw();
    }

    /// <summary>The explorer's search, which knows where an asset, a transaction or an address lives.</summary>
    public static string Search(string what) => $"/search?q={Uri.EscapeDataString(what)}";

    private async Task<string?> UnitsAsync(string address, ulong classId, ulong lotId, CancellationToken ct)
    {
        var request = new GetMicroshareHoldingsRequest { Address = address, ClassId = classId, PageSize = 100 };
        // A holding lists at most 256 lots in ascending id: at most three pages.
        for (int page = 0; page < 3; page++)
        {
            var r = await node.Api.GetMicroshareHoldingsAsync(request, node.Call(ct));
            foreach (var l in r.Lots) if (l.LotId == lotId) return l.Units;
            if (r.NextPageToken.Length == 0 || (r.Lots.Count > 0 && r.Lots[^1].LotId > lotId)) return null;
            request.PageToken = r.NextPageToken;
        }
        return null;
    }

    private string Draw()
    {
        const int col = DepthLayout.NodeWidth + DepthLayout.ColumnGap, row = DepthLayout.NodeHeight + DepthLayout.RowGap, m = DepthLayout.Margin;
        var l = Lineage;
        var flags = l.Lot.Flags;
        var boxes = new List<SvgBox>
        {
            new("origin", m, m, $"{flags.OriginAmount} {flags.OriginAsset}", "origin asset", Search(flags.OriginAsset), "asset"),
            new("tx", m + col, m, "minting transaction", Pages.Shared.Format.Short(flags.OriginTxHash), Search(Pages.Shared.Format.Hex(flags.OriginTxHash)), "tx"),
            new("lot", m + 2 * col, m, $"lot {l.Lot.Id}", l.Status.Frozen ? "FROZEN" : $"{l.Lot.UnitsMinted} units", $"/lots/{l.Lot.Id}", l.Status.Frozen ? "frozen" : "focus"),
        };
        var arrows = new List<SvgArrow> { new("origin", "tx"), new("tx", "lot") };
        if (l.Certificate is { Id: > 0 } c)
        {
            boxes.Add(new("certificate", m + 3 * col, m, $"certificate {c.Id}", Seratio.Portal.Certificates.CertText.Status(l.CertificateStatus), $"/certificates/{c.Id}", "certificate"));
            arrows.Add(new("lot", "certificate"));
            boxes.Add(new("entity", m + 4 * col, m, $"entity {c.Subject}", Entity?.Name ?? "", $"/entities/{c.Subject}", "entity"));
            arrows.Add(new("certificate", "entity"));
        }
        int r = 1;
        foreach (var (address, units, _) in Holders.Take(MaxDrawnRecords))
        {
            string key = $"holder-{r}";
            boxes.Add(new(key, m + col, m + r * row, Pages.Shared.Format.ShortAddress(address), $"{units} units", Search(address), "holder"));
            arrows.Add(new("lot", key));
            r++;
        }
        int rows = r;
        r = 1;
        foreach (var recordId in l.ProvenanceRecordIds.Take(MaxDrawnRecords))
        {
            string key = $"record-{recordId}";
            boxes.Add(new(key, m + 3 * col, m + r * row, $"record {recordId}", "provenance", $"/records/{recordId}", "record"));
            arrows.Add(new(key, "lot"));
            r++;
        }
        rows = Math.Max(rows, r);
        int width = 2 * m + 5 * DepthLayout.NodeWidth + 4 * DepthLayout.ColumnGap;
        int height = 2 * m + rows * DepthLayout.NodeHeight + (rows - 1) * DepthLayout.RowGap;
        string summary = $"Lineage of lot {l.Lot.Id}: {flags.OriginAmount} {flags.OriginAsset} gave birth to it in a minting transaction"
            + (l.Certificate is { Id: > 0 } cc ? $"; it rests on certificate {cc.Id} of entity {cc.Subject}" : "")
            + $"; {Holders.Count} holder(s) found; {l.ProvenanceRecordCount} provenance record(s) link it" + (l.Status.Frozen ? "; it is frozen" : "");
        return SvgGraph.Render("lot-graph", summary, boxes, arrows, width, height);
    }
}
