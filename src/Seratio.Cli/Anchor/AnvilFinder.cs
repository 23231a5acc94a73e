using Seratio.Bridges.Anvil;
using Seratio.Cli.Cli;

namespace Seratio.Cli.Anchor;

/// <summary>
/// Finds the anvil binary for <c>seratio devnet --anchor</c>: the file named by <c>SERATIO_ANVIL</c>; else the one
/// <c>npm ci --prefix bridges/contracts</c> installed in the Seratio Chain checkout above the running binary (a clean clone's
/// <c>dotnet run --project src/Seratio.Cli</c> and the build output both live under it) or above the current folder; else
/// <c>anvil</c> on the PATH (a Foundry install). Pure file look-ups; stateless.
/// </summary>
internal static class AnvilFinder
{
    public const string EnvironmentVariable = "SERATIO_ANVIL";

    /// <summary>The anvil executable to start.</summary>
    /// <exception cref="CommandException">none was found; the message says how to install it.</exception>
    public static string Find(CliConsole console) => Find(console, [AppContext.BaseDirectory, Environment.CurrentDirectory]);

    /// <summary>As <see cref="Find(CliConsole)"/>, looking for a checkout above each of <paramref name="starts"/> in turn.</summary>
    internal static string Find(CliConsole console, IReadOnlyList<string> starts)
    {
        if (console.Environment(EnvironmentVariable) is { Length: > 0 } explicitPath)
        {
            return File.Exists(explicitPath)
                ? Path.GetFullPath(explicitPath)
                : throw CommandException.Usage($"{EnvironmentVariable} names {explicitPath}, which does not exist");
        }
        string? checkout = null;
        foreach (var start in starts)
        {
            if (ContractsFolderAbove(start) is not { } contracts) continue;
            checkout ??= Path.GetDirectoryName(Path.GetDirectoryName(contracts));
            try
            {
                return AnvilLocator.Find(contracts);
            }
            catch (FileNotFoundException)
            {
                // not installed in this checkout: try the next place
            }
        }
        if (OnPath(console.Environment("PATH")) is { } onPath) return onPath;
        var where = checkout is null ? "in your Seratio Chain checkout" : $"in {checkout}";
        throw CommandException.Failed(
            $"--anchor needs anvil (an Ethereum node for local use), and none is installed: run `npm ci --prefix bridges/contracts` {where} " +
            $"(it installs the pinned @foundry-rs/anvil), or set {EnvironmentVariable} to an anvil binary");
    }

    /// <summary>The nearest bridges/contracts folder (one with a package.json) at or above <paramref name="start"/>, or null.</summary>
    internal static string? ContractsFolderAbove(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var contracts = Path.Combine(folder.FullName, "bridges", "contracts");
            if (File.Exists(Path.Combine(contracts, "package.json"))) return contracts;
        }
        return null;
    }

    private static string? OnPath(string? path)
    {
        var names = OperatingSystem.IsWindows() ? new[] { "anvil.exe" } : ["anvil"];
        foreach (var folder in (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in names)
                if (File.Exists(Path.Combine(folder, name))) return Path.Combine(folder, name);
        return null;
    }
}
