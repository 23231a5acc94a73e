using System.Diagnostics;
using Google.Protobuf;
using Seratio.Protocol;
using Xunit.Abstractions;

namespace Seratio.IntegrationTests.Consensus;

/// <summary>
/// Issue 9, finding 4, with real processes: four validators on loopback while an attacker on 19 other loopback
/// addresses keeps every inbound handshake slot of every validator taken by calls that never send a Hello. A validator
/// killed with SIGKILL and restarted during the attack must be back in consensus within seconds (before the fix: a
/// minute, or not until the attack ended), and the chain must go on committing throughout. Default P2P settings,
/// including the dial back-off of up to 10 s (other tests use 1 s). The rejoin is timed from the moment the restarted
/// node answers its API (a cold start on a loaded machine takes as long as it takes, attack or not): all 3 peers within
/// 5 s, a commit it signed within 15 s. Bounded: 19 × 6 calls per validator, about a minute. Before the fix, with the
/// same attacker, the restarted validator got its peers only after about 15 s and signed nothing within the bound.
/// </summary>
public sealed class HandshakeSlotAttackTests(ITestOutputHelper output)
{
    private const int SourceAddresses = 19;   // 127.0.0.2 .. 127.0.0.20
    private const int HoldersPerAddress = 6;  // beyond P2P:MaxPendingHandshakesPerAddress (4): 19 × 4 = 76 > the 64 slots
    private const int Slots = 64;              // P2P:MaxPendingHandshakes, default
    private static readonly TimeSpan ConnectBound = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RejoinBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task RestartedValidator_RejoinsWithinSeconds_WhileSilentCallsHoldEveryHandshakeSlot()
    {
        await using var network = ValidatorNetwork.Start(4, reconnectMaxMs: 10_000);
        var nodes = network.Nodes;
        try
        {
            await network.WaitForHeightAsync(2, TimeSpan.FromSeconds(60));
            await using var attacker = new HandshakeSlotAttacker(nodes.Select(n => n.P2PPort), SourceAddresses, HoldersPerAddress);
            await Task.Delay(3000);
            foreach (var node in nodes)
                Assert.True(attacker.MaxHolding(node.P2PPort) >= Slots,
                    $"the attack held at most {attacker.MaxHolding(node.P2PPort)} of {node.Name}'s {Slots} handshake slots: it is not the attack of the issue");

            // Connections made before the attack stay: the chain commits.
            ulong before = await MaxHeightAsync(nodes);
            await network.WaitForHeightAsync(before + 2, TimeSpan.FromSeconds(20));

            // kill -9 one validator and start it again at once, during the attack.
            var restarted = nodes[3];
            byte[] restartedKey;
            using (var key = ValidatorNetwork.ValidatorKey(3)) restartedKey = key.PublicKey.ToArray();
            restarted.Kill();
            ulong tipAtKill = await MaxHeightAsync(nodes);
            var clock = Stopwatch.StartNew();
            restarted.Start();
            attacker.ResetMax();

            // Its start (a cold .NET process, RocksDB, WAL recovery) is not what the attack delays: the clock of the
            // rejoin starts when its API answers, when its P2P listener and dialler are up too.
            await WaitAsync(async () => await restarted.TryStatusAsync() is not null, TimeSpan.FromSeconds(60));
            var started = clock.Elapsed;
            Assert.True(restarted.IsRunning, $"{restarted.Name} did not start again");
            await WaitAsync(async () => (await restarted.TryStatusAsync())?.Peers == 3, ConnectBound);
            var connected = clock.Elapsed - started;
            int peers = (int)((await restarted.TryStatusAsync())?.Peers ?? 0);

            // Back in consensus: a block committed after its restart carries its precommit.
            ulong? signed = await FirstCommitSignedByAsync(nodes[0], restartedKey, tipAtKill + 1, RejoinBound - connected);
            var rejoined = clock.Elapsed - started;
            output.WriteLine($"restarted {restarted.Name} at height {tipAtKill}: API answering {started.TotalSeconds:F1} s after the restart; then " +
                $"{peers} of 3 peers connected after {connected.TotalSeconds:F1} s; first commit it signed: {(signed is { } s ? $"height {s}" : "none")} after {rejoined.TotalSeconds:F1} s; " +
                $"attack on it: up to {attacker.MaxHolding(restarted.P2PPort)} calls held slots at once, {attacker.Admitted(restarted.P2PPort)} admitted in all");
            Assert.True(peers == 3 && connected < ConnectBound,
                $"the restarted validator had {peers} of its 3 peers {connected.TotalSeconds:F1} s after it started (bound {ConnectBound.TotalSeconds} s), during the attack");
            Assert.True(signed is not null, $"the restarted validator signed no commit within {RejoinBound.TotalSeconds} s of its start, during the attack");
            Assert.True(attacker.MaxHolding(restarted.P2PPort) >= Slots, "the attack did not hold the restarted validator's slots");
            ulong during = await MaxHeightAsync(nodes);
            Assert.True(during > tipAtKill, "the chain did not commit while the validator restarted");

            // With another validator gone, three of four can commit only if the restarted one takes part.
            nodes[2].Kill();
            ulong now = await MaxHeightAsync(nodes);
            await network.WaitForHeightAsync(now + 2, TimeSpan.FromSeconds(20), [nodes[0], nodes[1], nodes[3]]);
            foreach (var node in new[] { nodes[0], nodes[1], nodes[3] })
                Assert.True(attacker.MaxHolding(node.P2PPort) >= Slots, $"the attack stopped holding {node.Name}'s slots");
        }
        catch
        {
            output.WriteLine(ValidatorNetwork.Logs(nodes));
            throw;
        }
    }

    /// <summary>The first height from <paramref name="from"/> whose commit (as <paramref name="node"/> stores it) carries <paramref name="validator"/>'s signature, or null within <paramref name="timeout"/>.</summary>
    private static async Task<ulong?> FirstCommitSignedByAsync(ValidatorProcess node, byte[] validator, ulong from, TimeSpan timeout)
    {
        var key = ByteString.CopyFrom(validator);
        var deadline = DateTime.UtcNow + timeout;
        ulong next = from;
        while (DateTime.UtcNow < deadline)
        {
            ulong head = (await node.TryStatusAsync())?.LatestHeight ?? 0;
            for (; next <= head; next++)
            {
                var block = await node.Client.GetBlockAsync(new GetBlockRequest { Height = next });
                if (block.Commit.Signatures.Any(s => s.Validator == key)) return next;
            }
            await Task.Delay(200);
        }
        return null;
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !await condition()) await Task.Delay(100);
    }

    private static async Task<ulong> MaxHeightAsync(IEnumerable<ValidatorProcess> nodes)
    {
        ulong max = 0;
        foreach (var node in nodes) max = Math.Max(max, (await node.TryStatusAsync())?.LatestHeight ?? 0);
        return max;
    }
}
