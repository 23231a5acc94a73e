namespace Seratio.Node.Hosting;

/// <summary>Parses <c>seratio-node --home DIR [overrides]</c>. Pure.</summary>
public static class CommandLine
{
    public const string Usage =
        """
        usage: seratio-node --home DIR [--Section:Key=value ...]
          --home DIR   the node's home: config/genesis.json, config/node.json, keys/, data/
          overrides    configuration overrides, e.g. --Api:Listen=127.0.0.1:9191 --Mempool:MaxTxs=50000
        environment variables prefixed SERATIO_ also override (SERATIO_Api__Listen=...).
        """;

    /// <summary>True with the home folder and the remaining arguments (overrides) when --home DIR or --home=DIR is given.</summary>
    public static bool TryParse(string[] args, out string home, out string[] overrides)
    {
        home = "";
        var rest = new List<string>(args.Length);
        for (int i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--home" && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) home = args[++i];
            else if (arg.StartsWith("--home=", StringComparison.Ordinal)) home = arg["--home=".Length..];
            else if (arg is "--help" or "-h") { overrides = []; home = ""; return false; }
            else rest.Add(arg);
        }
        overrides = [.. rest];
        return home.Length > 0;
    }
}
