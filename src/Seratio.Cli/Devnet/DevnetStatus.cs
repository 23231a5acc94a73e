using System.Globalization;
using Seratio.Cli.Cli;
using Seratio.Cli.Hosting;
using Seratio.Cli.Rpc;
using Seratio.Protocol;

namespace Seratio.Cli.Devnet;

/// <summary>
/// Prints a compact status line per node every second (height, consensus round and step, peers, mempool) until cancelled.
/// A validator whose process exited is still asked: when one restarted by hand answers, it is reported back (and
/// reported again if it stops answering), with what that means for the chain (<see cref="DevnetLiveness"/>).
/// </summary>
internal static class DevnetStatus
{
    public static async Task RunAsync(IReadOnlyList<ChildNode> children, IReadOnlyList<ListenAddress> apis, DevnetLiveness liveness, CliConsole console, CancellationToken ct)
    {
        var connections = apis.Select(a => NodeConnection.Open(a.ClientUrl)).ToArray();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                for (int i = 0; i < children.Count; i++)
                {
                    NodeStatus? status = null;
                    ConsensusState? consensus = null;
                    bool exited = children[i].HasExited;
                    // An exited child is asked too: its validator may have been started again by hand.
                    try
                    {
                        status = await connections[i].CallAsync((c, o) => c.GetStatusAsync(new GetStatusRequest(), o), TimeSpan.FromSeconds(1), ct);
                        consensus = await connections[i].CallAsync((c, o) => c.GetConsensusStateAsync(new GetConsensusStateRequest(), o), TimeSpan.FromSeconds(1), ct);
                    }
                    catch (CommandException) { }
                    catch (OperationCanceledException) { return; }
                    // Stopping cancels a call in flight; gRPC reports that as a Cancelled status, not as an OperationCanceledException.
                    catch (Grpc.Core.RpcException) when (ct.IsCancellationRequested) { return; }
                    if (exited && (status is null ? liveness.StoppedAnswering(i) : liveness.Answered(i, status.LatestHeight)) is { } change)
                        console.Error.WriteLine(change);
                    console.Error.WriteLine(Line(children[i].Name, status, exited, consensus));
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

    /// <summary>
    /// "[validator-1] height 12 round 0 step prevote peers 3 mempool 0": the latest block, then the round and step of the next
    /// (step "decided" in the wait after a commit; no step from a node without GetConsensusState), or why there is no line.
    /// </summary>
    public static string Line(string name, NodeStatus? status, bool exited, ConsensusState? consensus = null) => status is null
        ? $"[{name}] {(exited ? "exited" : "not answering")}"
        : string.Create(CultureInfo.InvariantCulture,
            $"[{name}] height {status.LatestHeight} round {consensus?.Round ?? status.ConsensusRound}{(consensus is null ? "" : " step " + (consensus.Decided ? "decided" : Query.ConsensusText.Step(consensus.Step)))} peers {status.Peers} mempool {status.MempoolSize}{(consensus is { Syncing: true } ? " syncing" : "")}");
}
