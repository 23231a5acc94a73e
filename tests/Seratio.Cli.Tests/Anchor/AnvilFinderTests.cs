using Seratio.Cli.Anchor;
using Seratio.Cli.Cli;
using Seratio.Cli.Tests.Support;

namespace Seratio.Cli.Tests.Anchor;

/// <summary>Where <c>devnet --anchor</c> finds anvil, and what it says when it finds none.</summary>
public sealed class AnvilFinderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static CliConsole Console(Dictionary<string, string> environment) =>
        new(new StringWriter(), new StringWriter(), name => environment.GetValueOrDefault(name), interactive: false);

    /// <summary>A checkout: DIR/bridges/contracts/package.json, and with <paramref name="installed"/> the binary npm ci puts there.</summary>
    private string Checkout(string name, bool installed)
    {
        var contracts = Path.Combine(_dir.File(name), "bridges", "contracts");
        Directory.CreateDirectory(contracts);
        File.WriteAllText(Path.Combine(contracts, "package.json"), "{}");
        if (installed)
        {
            var bin = Path.Combine(contracts, "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin");
            Directory.CreateDirectory(bin);
            File.WriteAllText(Path.Combine(bin, "anvil"), "");
        }
        var output = Path.Combine(_dir.File(name), "src", "Seratio.Cli", "bin", "Debug", "net10.0");
        Directory.CreateDirectory(output);
        return output;
    }

    [Fact]
    public void Find_FromTheBuildOutputOfACheckoutWithAnvilInstalled_FindsTheNpmBinary()
    {
        var output = Checkout("repo", installed: true);

        var anvil = AnvilFinder.Find(Console(new() { ["PATH"] = "" }), [output]);

        Assert.EndsWith(Path.Combine("anvil-linux-amd64", "bin", "anvil"), anvil);
    }

    [Fact]
    public void Find_InACheckoutWithoutNpmCi_TellsToRunIt_NamingTheCheckout()
    {
        var output = Checkout("clean-clone", installed: false);

        var error = Assert.Throws<CommandException>(() => AnvilFinder.Find(Console(new() { ["PATH"] = "" }), [output, _dir.Path]));

        Assert.Equal(ExitCodes.Failure, error.ExitCode);
        Assert.Contains("run `npm ci --prefix bridges/contracts` in " + _dir.File("clean-clone"), error.Message);
        Assert.Contains(AnvilFinder.EnvironmentVariable, error.Message);
    }

    [Fact]
    public void Find_WithTheEnvironmentVariable_TakesThatFile_AndRefusesOneThatIsMissing()
    {
        var binary = _dir.Write("my-anvil", "");
        Assert.Equal(binary, AnvilFinder.Find(Console(new() { [AnvilFinder.EnvironmentVariable] = binary }), []));

        var error = Assert.Throws<CommandException>(() => AnvilFinder.Find(Console(new() { [AnvilFinder.EnvironmentVariable] = _dir.File("none") }), []));
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains(_dir.File("none"), error.Message);
    }

    [Fact]
    public void Find_OutsideAnyCheckout_FallsBackToAnvilOnThePath()
    {
        var folder = Directory.CreateDirectory(_dir.File("foundry-bin")).FullName;
        File.WriteAllText(Path.Combine(folder, "anvil"), "");

        Assert.Equal(Path.Combine(folder, "anvil"), AnvilFinder.Find(Console(new() { ["PATH"] = folder }), []));
    }
}
