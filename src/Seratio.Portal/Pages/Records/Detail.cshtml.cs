using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Certificates;
using Seratio.Portal.Graphs;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.Records;

/// <summary>
/// A provenance record with its ancestors (inputs, their inputs, …) and descendants (records naming it as input, …)
/// up to <see cref="MaxDepth"/> steps each way, one page of <see cref="PageSize"/> from the node each way, drawn by
/// <see cref="DepthLayout"/> with at most <see cref="MaxDrawn"/> nodes; the same records are listed in text.
/// </summary>
public sealed class DetailModel(PortalNode node) : PageModel
{
    public const uint MaxDepth = 4;
    public const uint PageSize = 100;
    public const int MaxDrawn = 40;

    public ProvenanceRecordResponse Answer { get; private set; } = new();
    public ProvenanceRecord Record => Answer.Record;
    public IReadOnlyList<ProvenanceLineageEntry> Ancestors { get; private set; } = [];
    public IReadOnlyList<ProvenanceLineageEntry> Descendants { get; private set; } = [];
    public bool MoreAncestors { get; private set; }
    public bool MoreDescendants { get; private set; }
    public GraphLayout Layout { get; private set; } = null!;
    public string Svg { get; private set; } = "";

    public async Task OnGetAsync(ulong id, CancellationToken ct)
    {
        Answer = await node.Api.GetProvenanceRecordAsync(new GetProvenanceRecordRequest { Id = id }, node.Call(ct));
        var up = await node.Api.GetProvenanceLineageAsync(new GetProvenanceLineageRequest
        { Id = id, Direction = ProvenanceLineageDirection.Ancestors, Depth = MaxDepth, PageSize = PageSize, Height = Answer.Height }, node.Call(ct));
        var down = await node.Api.GetProvenanceLineageAsync(new GetProvenanceLineageRequest
        { Id = id, Direction = ProvenanceLineageDirection.Descendants, Depth = MaxDepth, PageSize = PageSize, Height = Answer.Height }, node.Call(ct));
        Ancestors = up.Entries;
        Descendants = down.Entries;
        MoreAncestors = up.NextPageToken.Length > 0;
        MoreDescendants = down.NextPageToken.Length > 0;

        var nodes = new List<GraphNode> { new(Record.Id, 0, Label(Record)) };
        var records = new List<ProvenanceRecord> { Record };
        foreach (var a in Ancestors) { nodes.Add(new(a.Record.Id, -(int)a.Depth, Label(a.Record))); records.Add(a.Record); }
        foreach (var d in Descendants) { nodes.Add(new(d.Record.Id, (int)d.Depth, Label(d.Record))); records.Add(d.Record); }
        var edges = records.SelectMany(r => r.Inputs.Select(i => new GraphEdge(i, r.Id)));
        Layout = DepthLayout.Place(nodes, edges, MaxDrawn);
        var boxes = Layout.Nodes.Select(n => new SvgBox(
            $"r{n.Id}", n.X, n.Y, $"record {n.Id}", n.Label, $"/records/{n.Id}", n.Depth == 0 ? "focus" : "record")).ToList();
        var arrows = Layout.Edges.Select(e => new SvgArrow($"r{e.From.Id}", $"r{e.To.Id}")).ToList();
        string summary = $"Provenance graph of record {Record.Id}: {Ancestors.Count} ancestor(s) to the left, {Descendants.Count} descendant(s) to the right, arrows from an input to the record that names it"
            + (Layout.Omitted > 0 ? $"; {Layout.Omitted} not drawn" : "");
        Svg = SvgGraph.Render("record-graph", summary, boxes, arrows, Layout.Width, Layout.Height);
    }

    private static string Label(ProvenanceRecord r) => $"{CertText.Event(r.EventKind)} {string.Join(", ", r.Items)}";
}
