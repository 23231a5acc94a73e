using Microsoft.AspNetCore.Builder;

namespace Seratio.Node.Hosting;

/// <summary>
/// CONTRACT ONLY — implementation pending. Builds a node from a home folder:
/// HOME/config/genesis.json, HOME/config/node.json (sections "Chain", "Api", "Mempool"),
/// HOME/keys/ (validator key), HOME/data/ (RocksDB). <paramref name="overrides"/> are
/// command-line style configuration overrides ("--Api:Listen=127.0.0.1:9191").
/// </summary>
public static class NodeHost
{
    public static WebApplication Build(string home, string[]? overrides = null) => throw new NotImplementedException();
}
