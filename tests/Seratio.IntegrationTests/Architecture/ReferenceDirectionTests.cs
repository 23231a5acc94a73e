using System.Reflection;
using System.Xml.Linq;

namespace Seratio.IntegrationTests.Architecture;

/// <summary>ARCHITECTURE.md fixes which project may reference which; these tests keep it true.</summary>
public sealed class ReferenceDirectionTests
{
    // Allowed project references, per ARCHITECTURE.md, docs/adr/0001-cli-hosts-the-node.md, 0002 and
    // 0003-the-node-hosts-relayers.md (the node hosts anchor relayers: Node → Bridges → Core).
    public static TheoryData<string, string[]> Allowed => new()
    {
        { "Seratio.Core", [] },
        { "Seratio.Vm", ["Seratio.Core"] },
        { "Seratio.Consensus", ["Seratio.Core"] },
        { "Seratio.Node", ["Seratio.Core", "Seratio.Vm", "Seratio.Consensus", "Seratio.Bridges"] },
        { "Seratio.Cli", ["Seratio.Core", "Seratio.Vm", "Seratio.Node", "Seratio.Bridges", "Seratio.Portal", "Seratio.Client"] },
        // ADR 0004: the portal reads a node over the public API only, never hosts or references one.
        { "Seratio.Client", ["Seratio.Core", "Seratio.Vm", "Seratio.Consensus"] },
        { "Seratio.Portal", ["Seratio.Core", "Seratio.Client"] },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void ProjectReferences_FollowTheArchitecture(string project, string[] allowed)
    {
        var csproj = Path.Combine(RepositoryRoot(), "src", project, project + ".csproj");
        var references = XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value))
            .ToArray();
        Assert.All(references, r => Assert.Contains(r, allowed));
    }

    [Theory]
    [InlineData("Seratio.Core", new[] { "Seratio.Vm", "Seratio.Consensus", "seratio-node", "seratio" })]
    [InlineData("Seratio.Vm", new[] { "Seratio.Consensus", "seratio-node", "seratio" })]
    [InlineData("Seratio.Consensus", new[] { "Seratio.Vm", "seratio-node", "seratio" })]
    [InlineData("Seratio.Client", new[] { "seratio-node", "seratio", "Seratio.Portal" })]
    [InlineData("Seratio.Portal", new[] { "seratio-node", "seratio", "Seratio.Vm.Tests" })]
    public void CompiledAssemblies_DoNotReferenceForbiddenProjects(string assembly, string[] forbidden)
    {
        var referenced = Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name).ToArray();
        foreach (var name in forbidden) Assert.DoesNotContain(name, referenced);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Seratio.Chain.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Seratio.Chain.sln not found above " + AppContext.BaseDirectory);
    }
}
