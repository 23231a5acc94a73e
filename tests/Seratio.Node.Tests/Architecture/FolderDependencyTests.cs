using Seratio.Node.Chain;

namespace Seratio.Node.Tests.Architecture;

/// <summary>
/// Folders of Seratio.Node depend on each other one way (STYLE.md: folders say what is inside; a loop
/// between two folders means neither can be read, tested or moved without the other).
/// </summary>
public sealed class FolderDependencyTests
{
    private static readonly Lazy<FolderGraph> Graph = new(() =>
        FolderGraph.Build(typeof(ChainDatabase).Assembly, Path.Combine(RepositoryPaths.Root, "src", "Seratio.Node")));

    [Fact]
    public void Folders_DependOnEachOtherOneWay()
    {
        var loops = Graph.Value.Loops();
        Assert.True(loops.Count == 0,
            "folder loops in Seratio.Node (move the shared type to its users or to a neutral folder, or depend through an interface owned by the used folder):"
            + Environment.NewLine + string.Join(Environment.NewLine, loops.Select(Graph.Value.Describe)));
    }

    [Fact]
    public void CompositionRoot_IsTheHostingFolderAlone()
    {
        var outside = typeof(ChainDatabase).Assembly.GetTypes()
            .Where(t => !t.IsNested && t.IsAbstract && t.IsSealed && FolderGraph.FolderOf(t.Namespace) is { } folder && folder != "Hosting"
                && (t.Name.EndsWith("ServiceCollectionExtensions", StringComparison.Ordinal) || t.Name.EndsWith("HostingExtensions", StringComparison.Ordinal)))
            .Select(t => t.FullName!).ToList();
        Assert.True(outside.Count == 0, "service registration belongs in Hosting (the composition root): " + string.Join(", ", outside));
    }

    [Fact]
    public void NoFolder_DependsOnTheCompositionRoot()
    {
        var intoHosting = Graph.Value.Edges.Where(e => e.Value.ContainsKey("Hosting"))
            .Select(e => $"{e.Key}: {e.Value["Hosting"]}").ToList();
        Assert.True(intoHosting.Count == 0, "Hosting wires every folder; none may use it: " + string.Join("; ", intoHosting));
    }

    [Theory]
    [InlineData("Api", "Chain")]         // source: using; reflection: fields and signatures
    [InlineData("Mempool", "Chain")]
    [InlineData("Metrics", "Mempool")]   // INodeMetrics extends Mempool's IAdmissionMetrics
    [InlineData("Consensus", "Metrics")] // written inline as Metrics.INodeMetrics
    [InlineData("P2P", "Endpoints")]
    [InlineData("Consensus", "Blocks")]   // the driver builds and checks through Blocks
    public void Graph_SeesKnownDependencies(string from, string to) =>
        Assert.True(Graph.Value.Edges.TryGetValue(from, out var targets) && targets.ContainsKey(to), $"{from} -> {to} not found");

    [Fact]
    public void Graph_SeesFoldersAndLeavesOutTheCompositionRoot()
    {
        Assert.Superset(new SortedSet<string>(["Api", "Blocks", "Chain", "Consensus", "Hosting", "Mempool", "Metrics", "P2P", "Storage"]), Graph.Value.Folders);
        Assert.DoesNotContain("Production", Graph.Value.Folders);
        Assert.False(Graph.Value.Edges.ContainsKey("Hosting"));
    }

    [Fact]
    public void Loops_AreFoundAndPrintedStepByStep()
    {
        var graph = new FolderGraph();
        graph.Add("A", "B", "a.cs uses B");
        graph.Add("B", "C", "b.cs uses C");
        graph.Add("C", "A", "c.cs uses A");
        graph.Add("D", "A", "d.cs uses A");
        graph.Add("C", "E", "c.cs uses E");

        var loop = Assert.Single(graph.Loops());
        Assert.Equal(["A", "B", "C"], loop);
        var description = graph.Describe(loop);
        Assert.StartsWith("A -> B -> C -> A", description, StringComparison.Ordinal);
        Assert.Contains("C -> A: c.cs uses A", description, StringComparison.Ordinal);
    }

    [Fact]
    public void OneWayGraph_HasNoLoops()
    {
        var graph = new FolderGraph();
        graph.Add("A", "B", "");
        graph.Add("B", "C", "");
        graph.Add("A", "C", "");
        Assert.Empty(graph.Loops());
    }
}
