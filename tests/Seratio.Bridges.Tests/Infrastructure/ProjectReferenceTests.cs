using System.Xml.Linq;

namespace Seratio.Bridges.Tests.Infrastructure;

/// <summary>bridges/Seratio.Bridges sits beside the node: it may use Core, never Vm, Consensus, Node or Cli (ARCHITECTURE.md).</summary>
public sealed class ProjectReferenceTests
{
    [Fact]
    public void SeratioBridges_ReferencesOnlyCore()
    {
        var csproj = Path.Combine(BridgePaths.Root, "bridges", "Seratio.Bridges", "Seratio.Bridges.csproj");
        var references = XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value))
            .ToArray();
        Assert.Equal(["Seratio.Core"], references);
    }
}
