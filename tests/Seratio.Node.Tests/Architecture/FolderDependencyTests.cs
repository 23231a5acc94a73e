using Seratio.Node.Chain;

namespace Seratio.Node.Tests.Architecture;

/// <summary>
/// Folders of Seratio.Node depend on each other one way (STYLE.md: folders say what is inside; a loop
/// between two folders means neither can be read, tested or moved without the other).
/// </summary>
public sealed class FolderDependencyTests
{
    /// <summary>
    /// The one loop allowed for now: the block pipeline rewrite retires Production, which Consensus
    /// and Production use both ways until then. Delete this entry with the Production folder.
    /// </summary>
    private static readonly string[] AllowedLoopUntilProductionIsRetired = ["Consensus", "Production"];

    private static readonly Lazy<FolderGraph> Graph = new(() =>
        FolderGraph.Build(typeof(ChainDatabase).Assembly, Path.Combine(RepositoryPaths.Root, "src", "Seratio.Node")));

    [Fact]
    public void Folders_DependOnEachOtherOneWay()
    {
        var loops = Graph.Value.Loops();
        var forbidden = loops.Where(l => !l.SequenceEqual(AllowedLoopUntilProductionIsRetired)).ToList();
        Assert.True(forbidden.Count == 0,
            "folder loops in Seratio.Node (move the shared type to its users or to a neutral folder, or depend through an interface owned by the used folder):"
            + Environment.NewLine + string.Join(Environment.NewLine, forbidden.Select(Graph.Value.Describe)));
    }

    [Fact]
    public void AllowedLoop_IsStillALoop()
    {
        // Once the rewrite removes it, the allowance must go too, or a new loop could hide behind it.
        Assert.True(Graph.Value.Loops().Any(l => l.SequenceEqual(AllowedLoopUntilProductionIsRetired)),
            $"{string.Join(" <-> ", AllowedLoopUntilProductionIsRetired)} is no longer a loop: delete {nameof(AllowedLoopUntilProductionIsRetired)}.");
    }

    /// <summary>
    /// Registration classes outside Hosting that may wire other folders. Each is named here, so a new
    /// exemption is a visible change; moving them into Hosting shortens the list.
    /// </summary>
    private static readonly string[] RegistrationOutsideHosting =
    [
        "Seratio.Node.Chain.ChainServiceCollectionExtensions",
        "Seratio.Node.Consensus.ConsensusServiceCollectionExtensions",
        "Seratio.Node.Metrics.MetricsHostingExtensions",
        "Seratio.Node.P2P.Hosting.P2PHostingExtensions",
    ];

    [Fact]
    public void CompositionRoot_OutsideHosting_IsOnlyTheNamedRegistrationClasses()
    {
        var exempt = typeof(ChainDatabase).Assembly.GetTypes()
            .Where(t => !t.IsNested && FolderGraph.FolderOf(t.Namespace) is { } folder && folder != "Hosting" && FolderGraph.IsCompositionRoot(t))
            .Select(t => t.FullName!).Order(StringComparer.Ordinal);
        Assert.Equal(RegistrationOutsideHosting.Order(StringComparer.Ordinal), exempt);
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
    public void Graph_SeesKnownDependencies(string from, string to) =>
        Assert.True(Graph.Value.Edges.TryGetValue(from, out var targets) && targets.ContainsKey(to), $"{from} -> {to} not found");

    [Fact]
    public void Graph_SeesFoldersAndLeavesOutTheCompositionRoot()
    {
        Assert.Superset(new SortedSet<string>(["Api", "Chain", "Consensus", "Hosting", "Mempool", "Metrics", "P2P", "Storage"]), Graph.Value.Folders);
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
