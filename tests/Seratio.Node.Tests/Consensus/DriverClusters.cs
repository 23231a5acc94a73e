namespace Seratio.Node.Tests.Consensus;

/// <summary>
/// The test classes that run a <see cref="DriverCluster"/>: four drivers whose loops share the thread pool with the
/// test, each step awaited in real time (60 s bounds). They run alone, after the parallel classes: in a clean-clone
/// run on a loaded machine, two of them once waited out their bound while CPU-heavy classes (fuzzing, concurrent
/// pruning) ran beside them, and passed every time alone. Nothing here measures speed; this only keeps a starved
/// pool from looking like a stuck consensus.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DriverClusters
{
    public const string Name = "Driver clusters";
}
