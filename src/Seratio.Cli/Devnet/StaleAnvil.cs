using System.Diagnostics;
using System.Globalization;

namespace Seratio.Cli.Devnet;

/// <summary>
/// The pid file of a devnet's anvil (DIR/anchor/anvil-eth.pid), written when it starts and deleted when the devnet stops it.
/// A devnet killed with SIGKILL cannot stop its anvils; the next start finds the file, and if that process is still an
/// anvil it stops it and says so, so the ports are not held forever. Stateless.
/// </summary>
internal static class StaleAnvil
{
    public static string PidFile(string anchorDir, string chain) => Path.Combine(anchorDir, $"anvil-{chain}.pid");

    public static void Record(string anchorDir, string chain, int processId) =>
        File.WriteAllText(PidFile(anchorDir, chain), processId.ToString(CultureInfo.InvariantCulture) + "\n");

    /// <summary>
    /// Stops the anvil a previous run of this devnet left behind for <paramref name="chain"/>, if any, and deletes its pid
    /// file; returns a line to report, or null when there was none. A pid now used by another program is left alone.
    /// </summary>
    public static string? StopLeftover(string anchorDir, string chain)
    {
        var file = PidFile(anchorDir, chain);
        if (!File.Exists(file)) return null;
        var text = File.ReadAllText(file).Trim();
        File.Delete(file);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) return null;
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited || !process.ProcessName.StartsWith("anvil", StringComparison.Ordinal)) return null;
            process.Kill();
            process.WaitForExit(TimeSpan.FromSeconds(5));
            return $"stopped anvil (pid {pid}) for {chain}, left running by a devnet of this folder that did not stop cleanly";
        }
        catch (ArgumentException)
        {
            return null; // no such process any more
        }
        catch (InvalidOperationException)
        {
            return null; // exited meanwhile
        }
    }
}
