using System.Diagnostics;
using Grpc.Core;
using Seratio.Core.Numerics;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.CrashSafety;

/// <summary>
/// A node that must stop says so with a non-zero exit code (docs/operations.md, "Exit codes"), so a supervisor restarts
/// it and monitoring sees a failure. The free-disk guard is driven by its thresholds: set above the disk's real free
/// space, they act as a nearly full disk would, on a real process.
/// </summary>
public sealed class FatalExitTests
{
    private const string Huge = "100000000"; // MiB: more than any test machine has free

    [Fact]
    public async Task DiskNearlyFull_RefusesNewTransactions_AndKeepsServing()
    {
        await using var node = await NodeProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["Storage:MinFreeMegabytes"] = Huge, ["Storage:StopFreeMegabytes"] = "0",
        });
        using var alice = TestNetwork.Account(0);
        using var bob = TestNetwork.Account(1);
        var tx = TxFactory.Transfer(alice, bob.Address, Amount.Parse("1")).WithNonce(0).Sign();
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await node.Client.SubmitTxAsync(new SubmitTxRequest { Tx = Google.Protobuf.ByteString.CopyFrom(tx) }));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("disk is nearly full", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Storage:MinFreeMegabytes", refused.Status.Detail, StringComparison.Ordinal);
        var status = await node.Client.GetStatusAsync(new GetStatusRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
        Assert.Equal(0u, status.MempoolSize);
        Assert.True(node.IsRunning);
    }

    [Fact]
    public async Task DiskBelowTheStopThreshold_StopsWithExitCode75_AndARestartResumesWithNothingLost()
    {
        await using var node = await NodeProcess.StartAsync();
        using var alice = TestNetwork.Account(0);
        using var bob = TestNetwork.Account(1);
        var tx = TxFactory.Transfer(alice, bob.Address, Amount.Parse("5")).WithNonce(0).Sign();
        var committed = await node.Client.SubmitTxAsync(new SubmitTxRequest { Tx = Google.Protobuf.ByteString.CopyFrom(tx), Mode = SubmitMode.Commit },
            deadline: DateTime.UtcNow.AddSeconds(30));
        ulong head = (await node.Client.GetStatusAsync(new GetStatusRequest())).LatestHeight;

        await node.StopAsync();
        Assert.Equal(0, node.ExitCode); // a requested stop is 0

        node.Settings["Storage:MinFreeMegabytes"] = Huge;
        node.Settings["Storage:StopFreeMegabytes"] = Huge;
        try { await node.StartAsync(); }
        catch (InvalidOperationException) { } // it may stop before it first answers, or just after
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (node.IsRunning && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(node.ExitCode == 75, $"exit code {node.ExitCode}:\n{node.Output}");
        Assert.Contains("Storage:StopFreeMegabytes", node.Output, StringComparison.Ordinal);
        Assert.Contains("exit code 75", node.Output, StringComparison.Ordinal);

        node.Settings.Clear();
        await node.StartAsync();
        Assert.True((await node.Client.GetStatusAsync(new GetStatusRequest())).LatestHeight >= head);
        var stored = await node.Client.GetTxAsync(new GetTxRequest { Hash = committed.TxHash });
        Assert.Equal(committed.Receipt, stored.Receipt);
    }
}
