namespace Seratio.Portal.Graphs;

/// <summary>A node to place: its id, its depth relative to the focus (negative: ancestors, 0: the focus, positive: descendants) and its label.</summary>
public sealed record GraphNode(ulong Id, int Depth, string Label);

/// <summary>An edge from <paramref name="From"/> (an input) to <paramref name="To"/> (the record that names it).</summary>
public sealed record GraphEdge(ulong From, ulong To);

/// <summary>A placed node: the top-left corner of its box.</summary>
public sealed record PlacedNode(ulong Id, int Depth, string Label, int X, int Y);

/// <summary>A placed edge between two placed nodes.</summary>
public sealed record PlacedEdge(PlacedNode From, PlacedNode To);

/// <summary>What <see cref="DepthLayout.Place"/> gives: placed nodes and edges, the picture's size, and how many nodes were left out.</summary>
public sealed record GraphLayout(IReadOnlyList<PlacedNode> Nodes, IReadOnlyList<PlacedEdge> Edges, int Width, int Height, int Omitted);

/// <summary>
/// Lays a lineage graph out by depth: one column per depth, ancestors to the left of the focus and descendants to the
/// right, each column's nodes in ascending id from the top. A node met at several depths stands at the one nearest the
/// focus. At most <c>maxNodes</c> are placed, the nearest depths first (then ascending id); the rest are counted as
/// omitted. The same input in any order gives the same layout. Pure; thread safe.
/// </summary>
public static class DepthLayout
{
    public const int NodeWidth = 150;
    public const int NodeHeight = 40;
    public const int ColumnGap = 50;
    public const int RowGap = 16;
    public const int Margin = 10;

    public static GraphLayout Place(IEnumerable<GraphNode> nodes, IEnumerable<GraphEdge> edges, int maxNodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNodes, 1);
        var nearest = new SortedDictionary<ulong, GraphNode>();
        foreach (var n in nodes)
            if (!nearest.TryGetValue(n.Id, out var seen) || Closer(n, seen)) nearest[n.Id] = n;
        var kept = nearest.Values
            .OrderBy(n => Math.Abs((long)n.Depth)).ThenBy(n => n.Depth).ThenBy(n => n.Id)
            .Take(maxNodes).ToList();
        int omitted = nearest.Count - kept.Count;
        if (kept.Count == 0) return new GraphLayout([], [], 2 * Margin, 2 * Margin, omitted);

        int minDepth = kept.Min(n => n.Depth), maxDepth = kept.Max(n => n.Depth);
        var placed = new Dictionary<ulong, PlacedNode>();
        var ordered = new List<PlacedNode>();
        int tallest = 0;
        foreach (var column in kept.GroupBy(n => n.Depth).OrderBy(g => g.Key))
        {
            int row = 0;
            foreach (var n in column.OrderBy(n => n.Id))
            {
                var p = new PlacedNode(n.Id, n.Depth, n.Label,
                    Margin + (n.Depth - minDepth) * (NodeWidth + ColumnGap), Margin + row * (NodeHeight + RowGap));
                placed[n.Id] = p;
                ordered.Add(p);
                row++;
            }
            tallest = Math.Max(tallest, row);
        }
        var placedEdges = edges
            .Where(e => placed.ContainsKey(e.From) && placed.ContainsKey(e.To) && e.From != e.To)
            .Distinct()
            .OrderBy(e => e.From).ThenBy(e => e.To)
            .Select(e => new PlacedEdge(placed[e.From], placed[e.To]))
            .ToList();
        int width = 2 * Margin + (maxDepth - minDepth + 1) * NodeWidth + (maxDepth - minDepth) * ColumnGap;
        int height = 2 * Margin + tallest * NodeHeight + (tallest - 1) * RowGap;
        return new GraphLayout(ordered, placedEdges, width, height, omitted);
    }

    private static bool Closer(GraphNode a, GraphNode b)
    {
        long da = Math.Abs((long)a.Depth), db = Math.Abs((long)b.Depth);
        return da < db || (da == db && a.Depth < b.Depth);
    }
}
