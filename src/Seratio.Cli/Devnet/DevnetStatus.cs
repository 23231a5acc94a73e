using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Cli.Hosting;
using Seratio.Cli.Rpc;
using Seratio.Protocol;

namespace Seratio.Cli.Devnet;

/// <summary>Prints a compact status line per node every second (height, consensus round, peers) until cancelled.</summary>
internal static class DevnetStatus
{
    public static async Task RunAsync(IReadOnlyList<ChildNode> children, IReadOnlyList<ListenAddress> apis, CliConsole console, CancellationToken ct)
    {
        var connections = apis.Select(a => NodeConnection.Open(a.ClientUrl)).ToArray();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                for (int i = 0; i < children.Count; i++)
                {
                    NodeStatus? status = null;
                    if (!children[i].HasExited)
                    {
                        try { status = await connections[i].CallAsync((c, o) => c.GetStatusAsync(new GetStatusRequest(), o), TimeSpan.FromSeconds(1), ct); }
                        catch (CommandException) { }
                        catch (OperationCanceledException) { return; }
                    }
                    console.Error.WriteLine(Line(children[i].Name, status, children[i].HasExited));
                }
                try { await Task.Delay(TimeSpan.FromSeconds(1), ct); }
                catch (OperationCanceledException) { return; }
            }
        }
        finally
        {
            foreach (var connection in connections) connection.Dispose();
        }
    }

    /// <summary>"[validator-1] height 12 round 0 peers 3 mempool 0", or why there is none.</summary>
    public static string Line(string name, NodeStatus? status, bool exited) => status is null
        ? $"[{name}] {(exited ? "exited" : "not answering")}"
        : string.Create(CultureInfo.InvariantCulture,
            $"[{name}] height {status.LatestHeight} round {status.ConsensusRound} peers {status.Peers} mempool {status.MempoolSize}");
}
