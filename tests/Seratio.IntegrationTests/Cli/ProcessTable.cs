using System.Globalization;

namespace Seratio.IntegrationTests.Cli;

/// <summary>Reads Linux's /proc to find a process's children and whether a pid still runs. Pure reads.</summary>
public static class ProcessTable
{
    /// <summary>Pids whose parent is <paramref name="parentPid"/>.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parentPid)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Stat(pid) is { } stat && stat.ParentPid == parentPid) children.Add(pid);
        }
        children.Sort();
        return children;
    }

    /// <summary>True while <paramref name="pid"/> exists and is not a zombie (a zombie has exited and only waits to be reaped).</summary>
    public static bool IsAlive(int pid) => Stat(pid) is { } stat && stat.State != 'Z' && stat.State != 'X';

    /// <summary>The command line of <paramref name="pid"/>, arguments separated by spaces; empty when gone.</summary>
    public static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim(); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    private static (char State, int ParentPid)? Stat(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so parse after the last ')'.
        var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (rest[0][0], int.Parse(rest[1], CultureInfo.InvariantCulture));
    }
}
