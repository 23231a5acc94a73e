namespace Seratio.Consensus.Tests.Simulation;

/// <summary>What travels between simulated nodes: encoded consensus messages, height announcements and committed blocks for catch-up.</summary>
internal abstract record Envelope;

/// <summary>An encoded ConsensusMessage (or garbage pretending to be one).</summary>
internal sealed record WireMessage(byte[] Bytes) : Envelope;

/// <summary>"I am at this height": a peer that committed it answers with the block.</summary>
internal sealed record StatusMessage(int From, ulong NextHeight) : Envelope;

/// <summary>A committed block and its certificate, for a node that is behind (block sync).</summary>
internal sealed record SyncBlockMessage(ulong Height, CommittedEntry Entry) : Envelope;

/// <summary>
/// The network model: before GST messages are delayed up to a bound, lost, duplicated and cut by
/// partitions; from GST on they all arrive within the post-GST bound (duplicates still happen).
/// Delivery order follows the drawn delays, so messages overtake each other. Not thread safe.
/// </summary>
internal sealed class SimNetwork(Scenario scenario, Scheduler scheduler, SimRandom rng)
{
    public long Sent { get; private set; }
    public long Dropped { get; private set; }

    public void Send(int from, int to, Envelope envelope, Action<int, Envelope> deliver)
    {
        Sent++;
        long now = scheduler.Now;
        bool beforeGst = now < scenario.GstMs;
        if (beforeGst && (Partitioned(from, to, now) || rng.Chance(scenario.LossPerMilleBeforeGst)))
        {
            Dropped++;
            return;
        }
        int copies = rng.Chance(scenario.DuplicatePerMille) ? 2 : 1;
        for (int c = 0; c < copies; c++)
        {
            long delay = beforeGst ? rng.Long(1, scenario.MaxDelayBeforeGstMs + 1) : rng.Long(1, scenario.MaxDelayAfterGstMs + 1);
            scheduler.After(delay, () => deliver(to, envelope));
        }
    }

    private bool Partitioned(int a, int b, long now)
    {
        PartitionPlan? current = null;
        foreach (var p in scenario.Partitions)
            if (p.At <= now) current = p;
        return current is { } plan && plan.GroupOf[a] != plan.GroupOf[b];
    }
}
