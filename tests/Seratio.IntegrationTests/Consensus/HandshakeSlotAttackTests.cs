using System.Diagnostics;
using Google.Protobuf;
using Seratio.Protocol;
using Xunit.Abstractions;

namespace Seratio.IntegrationTests.Consensus;

/// <summary>
/// Issue 9, finding 4, with real processes: four validators on loopback while an attacker on 19 other loopback
/// addresses keeps every inbound handshake slot of every validator taken by calls that never send a Hello. During the
/// attack, (1) one validator is killed with SIGKILL and restarted: it must reach its three peers and sign a commit
/// within seconds while the chain goes on committing; (2) two are killed and restarted together (the chain stands
/// still until they are back): both must reach their peers within seconds and the chain commit again; (3) with a
/// third validator killed, the chain commits only if both restarted ones take part. Default P2P settings, including the
/// dial back-off of up to 10 s (other tests use 1 s). Rejoin times count from the moment a restarted node answers its
/// API (a cold start on a loaded machine takes as long as it takes, attack or not): all peers within 5 s, a commit
/// within 15 s. Bounded: 19 × 6 calls per validator; one to two minutes, mostly the cold starts. Before the fix the
/// same attacker kept restarted validators from their peers for 5–15 s and more.
/// </summary>
public sealed class HandshakeSlotAttackTests(ITestOutputHelper output)
{
    private const int SourceAddresses = 19;   // 127.0.0.2 .. 127.0.0.20
    private const int HoldersPerAddress = 6;  // beyond P2P:MaxPendingHandshakesPerAddress (4): 19 × 4 = 76 > the 64 slots
    private const int Slots = 64;              // P2P:MaxPendingHandshakes, default
    private static readonly TimeSpan ConnectBound = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RejoinBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task RestartedValidators_RejoinWithinSeconds_WhileSilentCallsHoldEveryHandshakeSlot()
    {
        await using var network = ValidatorNetwork.Start(4, reconnectMaxMs: 10_000);
        var nodes = network.Nodes;
        try
        {
            await network.WaitForHeightAsync(2, TimeSpan.FromSeconds(60));
            await using var attacker = new HandshakeSlotAttacker(nodes.Select(n => n.P2PPort), SourceAddresses, HoldersPerAddress, tls: true);
            await Task.Delay(3000);
            foreach (var node in nodes)
                Assert.True(attacker.MaxHolding(node.P2PPort) >= Slots,
                    $"the attack held at most {attacker.MaxHolding(node.P2PPort)} of {node.Name}'s {Slots} handshake slots: it is not the attack of the issue");

            // Connections made before the attack stay: the chain commits.
            ulong before = await MaxHeightAsync(nodes);
            await network.WaitForHeightAsync(before + 2, TimeSpan.FromSeconds(20));

            // (1) kill -9 one validator and start it again at once: back in consensus, a commit carries its precommit.
            ulong tipAtKill = await RestartAsync(attacker, nodes, [3]);
            byte[] key3;
            using (var key = ValidatorNetwork.ValidatorKey(3)) key3 = key.PublicKey.ToArray();
            var clock = Stopwatch.StartNew();
            ulong? signed = await FirstCommitSignedByAsync(nodes[0], key3, tipAtKill + 1, RejoinBound);
            output.WriteLine($"(1) first commit validator-3 signed: {(signed is { } s ? $"height {s}" : "none")}, {clock.Elapsed.TotalSeconds:F1} s after it had its peers");
            Assert.True(signed is not null, $"the restarted validator signed no commit within {RejoinBound.TotalSeconds} s of reaching its peers, during the attack");
            Assert.True(await MaxHeightAsync(nodes) > tipAtKill, "the chain did not commit while the validator restarted");

            // (2) kill -9 two together and restart them: the chain stands still until they are back, then commits.
            ulong stalled = await RestartAsync(attacker, nodes, [2, 3]);
            clock.Restart();
            await network.WaitForHeightAsync(stalled + 1, RejoinBound);
            output.WriteLine($"(2) the chain committed height {stalled + 1} {clock.Elapsed.TotalSeconds:F1} s after both had their peers");

            // (3) With a third validator gone, three of four commit only if both restarted ones take part.
            nodes[1].Kill();
            ulong now = await MaxHeightAsync(nodes);
            await network.WaitForHeightAsync(now + 2, TimeSpan.FromSeconds(20), [nodes[0], nodes[2], nodes[3]]);
            foreach (var node in new[] { nodes[0], nodes[2], nodes[3] })
                Assert.True(attacker.MaxHolding(node.P2PPort) >= Slots, $"the attack stopped holding {node.Name}'s slots");
        }
        catch
        {
            output.WriteLine(ValidatorNetwork.Logs(nodes));
            throw;
        }
    }

    /// <summary>
    /// SIGKILLs the validators <paramref name="which"/> and starts them again at once; asserts each answers, then has
    /// all 3 peers within <see cref="ConnectBound"/> while the attack holds its slots. Returns the chain's tip when they died.
    /// </summary>
    private async Task<ulong> RestartAsync(HandshakeSlotAttacker attacker, IReadOnlyList<ValidatorProcess> nodes, int[] which)
    {
        var restarted = which.Select(i => nodes[i]).ToArray();
        foreach (var node in restarted) node.Kill();
        ulong tip = await MaxHeightAsync(nodes);
        var clock = Stopwatch.StartNew();
        foreach (var node in restarted) node.Start();
        attacker.ResetMax();

        // Their start (a cold .NET process, RocksDB, WAL recovery) is not what the attack delays: the rejoin is timed
        // from when the API answers, when the P2P listener and dialler are up too.
        foreach (var node in restarted) await WaitAsync(async () => await node.TryStatusAsync() is not null, TimeSpan.FromSeconds(90));
        var started = clock.Elapsed;
        Assert.All(restarted, n => Assert.True(n.IsRunning, $"{n.Name} did not start again"));
        await WaitAsync(async () =>
        {
            foreach (var node in restarted)
                if ((await node.TryStatusAsync())?.Peers != 3) return false;
            return true;
        }, ConnectBound);
        var connected = clock.Elapsed - started;
        foreach (var node in restarted)
        {
            uint peers = (await node.TryStatusAsync())?.Peers ?? 0;
            output.WriteLine($"restarted {node.Name} at height {tip}: API answering {started.TotalSeconds:F1} s after the restart; {peers} of 3 peers " +
                $"{connected.TotalSeconds:F1} s later; the attack on it: up to {attacker.MaxHolding(node.P2PPort)} calls held slots at once, {attacker.Admitted(node.P2PPort)} admitted in all");
            Assert.True(peers == 3 && connected < ConnectBound,
                $"{node.Name} had {peers} of its 3 peers {connected.TotalSeconds:F1} s after it started (bound {ConnectBound.TotalSeconds} s), during the attack");
            Assert.True(attacker.MaxHolding(node.P2PPort) >= Slots, $"the attack did not hold {node.Name}'s slots after its restart");
        }
        return tip;
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
