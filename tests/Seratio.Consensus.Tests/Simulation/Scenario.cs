namespace Seratio.Consensus.Tests.Simulation;

/// <summary>How a byzantine validator misbehaves.</summary>
internal enum Behaviour
{
    Honest,
    /// <summary>As proposer, sends one block to some peers and another to the rest.</summary>
    Equivocator,
    /// <summary>Sends some peers its vote and the rest a conflicting vote.</summary>
    DoubleVoter,
    /// <summary>Votes normally but also sprays malformed, badly signed, misattributed and random messages.</summary>
    Garbage,
    /// <summary>Never sends anything.</summary>
    Silent,
}

/// <summary>A crash of an honest validator and its restart, with or without losing the WAL's unsynced tail.</summary>
internal readonly record struct CrashPlan(int Node, long CrashAt, long RestartAt, bool LoseUnsynced);

/// <summary>A network partition before GST: nodes in different groups cannot reach each other from At until the next change.</summary>
internal readonly record struct PartitionPlan(long At, int[] GroupOf);

/// <summary>Everything a seed decides about a run. Immutable once built.</summary>
internal sealed record Scenario(
    ulong Seed,
    ulong[] Powers,
    Behaviour[] Behaviours,
    bool[] SometimesInvalidProposer,
    long GstMs,
    long MaxDelayBeforeGstMs,
    long MaxDelayAfterGstMs,
    int LossPerMilleBeforeGst,
    int DuplicatePerMille,
    PartitionPlan[] Partitions,
    CrashPlan[] Crashes,
    bool BlockSyncOnlyAfterGst)
{
    public int Count => Powers.Length;

    /// <summary>When the network is synchronous and every crashed validator is back.</summary>
    public long StableAt => Crashes.Select(c => c.RestartAt).Append(GstMs).Max();

    public static Scenario FromSeed(ulong seed)
    {
        var rng = new SimRandom(seed);
        int n = rng.Pick(new[] { 1, 3, 4, 4, 4, 5, 7 });
        var powers = new ulong[n];
        bool weighted = rng.Chance(400);
        for (int i = 0; i < n; i++) powers[i] = weighted ? (ulong)rng.Int(1, 11) : 10;
        ulong total = powers.Aggregate(0UL, (a, b) => a + b);

        var behaviours = new Behaviour[n];
        ulong faulty = 0;
        var byzantineKinds = new[] { Behaviour.Equivocator, Behaviour.DoubleVoter, Behaviour.Garbage, Behaviour.Silent };
        for (int i = 0; i < n; i++)
        {
            // Strictly less than 1/3 of the power may be byzantine.
            if (rng.Chance(350) && 3 * (faulty + powers[i]) < total)
            {
                behaviours[i] = rng.Pick(byzantineKinds);
                faulty += powers[i];
            }
        }
        var invalid = new bool[n];
        // A proposer whose executor is broken proposes blocks the others cannot reproduce: a fault, so it shares the 1/3 budget.
        for (int i = 0; i < n; i++)
        {
            if (behaviours[i] != Behaviour.Honest || !rng.Chance(250) || 3 * (faulty + powers[i]) >= total) continue;
            invalid[i] = true;
            faulty += powers[i];
        }

        long gst = rng.Long(500, 6000);
        long maxDelay = rng.Long(20, 1500);
        int loss = rng.Chance(700) ? rng.Int(0, 350) : 0;
        int dup = rng.Chance(500) ? rng.Int(0, 150) : 0;

        var partitions = new List<PartitionPlan>();
        if (n > 1 && rng.Chance(500))
        {
            long t = rng.Long(0, gst / 2);
            while (t < gst)
            {
                var groups = new int[n];
                int groupCount = rng.Int(1, 4);
                for (int i = 0; i < n; i++) groups[i] = rng.Int(0, groupCount);
                partitions.Add(new PartitionPlan(t, groups));
                t += rng.Long(200, 3000);
            }
        }

        var crashes = new List<CrashPlan>();
        for (int i = 0; i < n; i++)
        {
            if (behaviours[i] != Behaviour.Honest || !rng.Chance(300)) continue;
            long at = rng.Long(0, gst + 3000);
            crashes.Add(new CrashPlan(i, at, at + rng.Long(50, 4000), rng.Chance(500)));
            if (rng.Chance(300))
            {
                long again = at + rng.Long(4100, 8000);
                crashes.Add(new CrashPlan(i, again, again + rng.Long(50, 2000), rng.Chance(500)));
            }
        }
        // Block sync rescues a validator that missed a decision; without it before GST, consensus alone must keep the others safe.
        bool lateSync = rng.Chance(500);
        return new Scenario(seed, powers, behaviours, invalid, gst, maxDelay, rng.Long(1, 100), loss, dup, [.. partitions], [.. crashes], lateSync);
    }

    public override string ToString() =>
        $"seed {Seed}: {Count} validators (powers {string.Join(",", Powers)}), behaviours [{string.Join(",", Behaviours)}], " +
        $"invalid proposers [{string.Join(",", SometimesInvalidProposer.Select(b => b ? 1 : 0))}], GST {GstMs} ms, delay ≤ {MaxDelayBeforeGstMs}/{MaxDelayAfterGstMs} ms, " +
        $"loss {LossPerMilleBeforeGst}‰, dup {DuplicatePerMille}‰, {Partitions.Length} partitions, crashes [{string.Join("; ", Crashes)}], " +
        $"block sync {(BlockSyncOnlyAfterGst ? "after GST only" : "always")}";
}
