using System.Diagnostics;
using Xunit.Abstractions;

namespace Seratio.Consensus.Tests.Simulation;

/// <summary>
/// Deterministic simulation over many seeds. SERATIO_SIM_SEED=n replays one seed with a trace;
/// SERATIO_SIM_SEEDS=n runs n seeds (default <see cref="DefaultSeeds"/>), SERATIO_SIM_FIRST=n starts elsewhere.
/// </summary>
public class SimulationTests(ITestOutputHelper output)
{
    private const int DefaultSeeds = 300;

    [Fact]
    public void Simulation_ManySeeds_KeepSafetyAndCommitAfterStabilisation()
    {
        if (Environment.GetEnvironmentVariable("SERATIO_SIM_SEED") is { Length: > 0 } one)
        {
            var result = new Simulation(Scenario.FromSeed(ulong.Parse(one, System.Globalization.CultureInfo.InvariantCulture)), verbose: true).Run();
            output.WriteLine(Describe(result));
            return;
        }
        int count = ReadInt("SERATIO_SIM_SEEDS", DefaultSeeds);
        ulong first = (ulong)ReadInt("SERATIO_SIM_FIRST", 1);
        var failures = new System.Collections.Concurrent.ConcurrentBag<(ulong Seed, string Message)>();
        var stats = new System.Collections.Concurrent.ConcurrentBag<SimulationResult>();
        var clock = Stopwatch.StartNew();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            ulong seed = first + (ulong)i;
            try { stats.Add(new Simulation(Scenario.FromSeed(seed)).Run()); }
            catch (Exception ex) { failures.Add((seed, ex is SimulationFailure ? ex.Message : $"{ex}\n  replay: SERATIO_SIM_SEED={seed}")); }
        });
        output.WriteLine($"{count} seeds from {first} in {clock.Elapsed.TotalSeconds:F1} s; {stats.Sum(s => s.Events)} events, " +
                         $"{stats.Sum(s => s.Messages)} messages, {stats.Sum(s => s.Evidence)} evidence reports, " +
                         $"{stats.Sum(s => (long)s.VirtualMs) / 1000} s of virtual time");
        foreach (var (seed, message) in failures.OrderBy(f => f.Seed).Take(5)) output.WriteLine($"FAILED seed {seed}: {message}");
        if (!failures.IsEmpty)
        {
            Assert.Fail($"{failures.Count} of {count} seeds failed: {string.Join(", ", failures.Select(f => f.Seed).Order())}. " +
                        "Replay one with SERATIO_SIM_SEED=<seed> dotnet test tests/Seratio.Consensus.Tests --filter Simulation.\n" +
                        failures.OrderBy(f => f.Seed).First().Message);
        }
    }

    [Fact]
    public void Simulation_SameSeed_RunsIdentically()
    {
        var a = new Simulation(Scenario.FromSeed(42)).Run();
        var b = new Simulation(Scenario.FromSeed(42)).Run();
        Assert.Equal(a.Events, b.Events);
        Assert.Equal(a.VirtualMs, b.VirtualMs);
        Assert.Equal(a.Heights, b.Heights);
        Assert.Equal(a.Messages, b.Messages);
    }

    private static string Describe(SimulationResult r) =>
        $"{r.Scenario}\n{r.Events} events, {r.VirtualMs} virtual ms, heights [{string.Join(",", r.Heights)}], {r.Messages} messages, {r.Evidence} evidence";

    private static int ReadInt(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
