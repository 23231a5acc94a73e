namespace Seratio.Bridges.Anvil;

/// <summary>
/// Finds the anvil binary that <c>npm ci --prefix bridges/contracts</c> installs
/// (npm <c>@foundry-rs/anvil</c> ships it in a per-platform package). Pure file look-ups.
/// </summary>
public static class AnvilLocator
{
    /// <summary>
    /// The native anvil executable under <paramref name="contractsFolder"/>'s node_modules,
    /// preferred over the node wrapper in node_modules/.bin so that ending the process ends anvil.
    /// </summary>
    /// <exception cref="FileNotFoundException">anvil is not installed there; the message says how to install it.</exception>
    public static string Find(string contractsFolder)
    {
        ArgumentNullException.ThrowIfNull(contractsFolder);
        var scope = Path.Combine(contractsFolder, "node_modules", "@foundry-rs");
        if (Directory.Exists(scope))
        {
            foreach (var package in Directory.EnumerateDirectories(scope, "anvil-*").Order(StringComparer.Ordinal))
            {
                foreach (var name in new[] { "anvil", "anvil.exe" })
                {
                    var candidate = Path.Combine(package, "bin", name);
                    if (File.Exists(candidate)) return candidate;
                }
            }
        }
        var wrapper = Path.Combine(contractsFolder, "node_modules", ".bin", "anvil");
        if (File.Exists(wrapper)) return wrapper;
        throw new FileNotFoundException(
            $"anvil is not installed under {Path.Combine(contractsFolder, "node_modules")}: run `npm ci --prefix bridges/contracts` " +
            "(scripts/test does it before the tests) and make sure npm may fetch @foundry-rs/anvil.");
    }
}
