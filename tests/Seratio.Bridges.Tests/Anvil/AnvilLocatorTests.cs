using Seratio.Bridges.Anvil;
using Seratio.Bridges.Tests.Infrastructure;

namespace Seratio.Bridges.Tests.Anvil;

/// <summary>Where anvil is looked for, and what a missing one says.</summary>
public sealed class AnvilLocatorTests
{
    [Fact]
    public void Find_WithoutNodeModules_FailsWithHowToInstall()
    {
        var empty = Directory.CreateTempSubdirectory("seratio-no-anvil-").FullName;
        try
        {
            var missing = Assert.Throws<FileNotFoundException>(() => AnvilLocator.Find(empty));
            Assert.Contains("npm ci --prefix bridges/contracts", missing.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void Find_InTheCheckout_GivesTheNativeBinary()
    {
        var anvil = AnvilLocator.Find(BridgePaths.Contracts);
        Assert.EndsWith(Path.Combine("bin", OperatingSystem.IsWindows() ? "anvil.exe" : "anvil"), anvil, StringComparison.Ordinal);
    }
}
