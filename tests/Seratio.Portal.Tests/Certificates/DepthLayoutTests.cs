using Seratio.Portal.Graphs;

namespace Seratio.Portal.Tests.Certificates;

public sealed class DepthLayoutTests
{
    private static readonly GraphNode[] Diamond =
    [
        new(5, 0, "focus"), new(3, -1, "a"), new(4, -1, "b"), new(1, -2, "root"), new(9, 1, "child"),
    ];

    private static readonly GraphEdge[] DiamondEdges = [new(1, 3), new(1, 4), new(3, 5), new(4, 5), new(5, 9)];

    [Fact]
    public void Columns_FollowDepth_AncestorsLeftDescendantsRight_RowsInAscendingId()
    {
        var layout = DepthLayout.Place(Diamond, DiamondEdges, 40);
        var at = layout.Nodes.ToDictionary(n => n.Id);
        Assert.True(at[1].X < at[3].X && at[3].X == at[4].X && at[4].X < at[5].X && at[5].X < at[9].X);
        Assert.True(at[3].Y < at[4].Y);
        Assert.Equal(at[1].Y, at[5].Y);
        Assert.Equal(DepthLayout.Margin, at[1].X);
        Assert.Equal(5, layout.Edges.Count);
        Assert.Equal(2 * DepthLayout.Margin + 4 * DepthLayout.NodeWidth + 3 * DepthLayout.ColumnGap, layout.Width);
        Assert.Equal(2 * DepthLayout.Margin + 2 * DepthLayout.NodeHeight + DepthLayout.RowGap, layout.Height);
        Assert.Equal(0, layout.Omitted);
    }

    [Fact]
    public void TheSameGraphInAnyOrder_GivesTheSameLayout()
    {
        var a = DepthLayout.Place(Diamond, DiamondEdges, 40);
        var b = DepthLayout.Place(Diamond.Reverse(), DiamondEdges.Reverse(), 40);
        Assert.Equal(a.Nodes, b.Nodes);
        Assert.Equal(a.Edges, b.Edges);
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
    }

    [Fact]
    public void ANodeMetAtSeveralDepths_StandsAtTheNearest()
    {
        var layout = DepthLayout.Place([new(1, 0, "f"), new(2, -3, "far"), new(2, -1, "near")], [], 40);
        var two = Assert.Single(layout.Nodes, n => n.Id == 2);
        Assert.Equal(-1, two.Depth);
        Assert.Equal("near", two.Label);
    }

    [Fact]
    public void BeyondTheBound_TheNearestArePlaced_AndTheRestCounted()
    {
        var nodes = new List<GraphNode> { new(1000, 0, "focus") };
        for (ulong i = 1; i <= 30; i++) nodes.Add(new(i, -(int)((i - 1) / 10 + 1), $"a{i}"));
        var layout = DepthLayout.Place(nodes, nodes.Skip(1).Select(n => new GraphEdge(n.Id, 1000)), 15);
        Assert.Equal(15, layout.Nodes.Count);
        Assert.Equal(16, layout.Omitted);
        Assert.Contains(layout.Nodes, n => n.Id == 1000);
        Assert.All(layout.Nodes.Where(n => n.Id != 1000), n => Assert.True(n.Depth >= -2));
        Assert.Equal(Enumerable.Range(1, 14).Select(i => (ulong)i), layout.Nodes.Where(n => n.Id != 1000).Select(n => n.Id).Order());
        Assert.All(layout.Edges, e => Assert.Contains(e.From, layout.Nodes));
    }

    [Fact]
    public void EdgesToUnplacedNodes_AndSelfLoops_AreDropped()
    {
        var layout = DepthLayout.Place([new(1, 0, "f"), new(2, 1, "c")], [new(1, 2), new(1, 1), new(7, 1), new(1, 2)], 40);
        var edge = Assert.Single(layout.Edges);
        Assert.Equal((1UL, 2UL), (edge.From.Id, edge.To.Id));
    }

    [Fact]
    public void NothingToPlace_IsAnEmptyPicture_AndABoundBelowOneIsRefused()
    {
        var empty = DepthLayout.Place([], [], 5);
        Assert.Empty(empty.Nodes);
        Assert.Throws<ArgumentOutOfRangeException>(() => DepthLayout.Place([], [], 0));
    }
}
