namespace Seratio.Node.Chain.Retention;

/// <summary>
/// How many recent heights a node keeps (configuration Storage:KeepStates and Storage:KeepBlocks; 0 = every
/// height, an archive node), and the messages a refused request gets. Retention is local to the node: it
/// never changes a state root or a block. An immutable value; thread safe.
/// </summary>
public sealed record ChainRetention(ulong KeepStates, ulong KeepBlocks)
{
    /// <summary>Every height kept: the default, and what validators run.</summary>
    public static readonly ChainRetention Archive = new(0, 0);

    public bool PrunesStates => KeepStates > 0;
    public bool PrunesBlocks => KeepBlocks > 0;

    /// <summary>The lowest height whose state the window keeps at <paramref name="head"/> (0 while the chain is shorter than the window, or for an archive).</summary>
    public ulong StateFloor(ulong head) => PrunesStates && head + 1 > KeepStates ? head + 1 - KeepStates : 0;

    /// <summary>The lowest height whose block the window keeps at <paramref name="head"/> (1 while the chain is shorter than the window, or for an archive).</summary>
    public ulong BlockFloor(ulong head) => PrunesBlocks && head > KeepBlocks ? head + 1 - KeepBlocks : 1;

    public string StatePruned(ulong height, ulong earliest, ulong head) =>
        $"state at height {height} was pruned; this node keeps the state of heights {earliest}..{head} (Storage:KeepStates={KeepStates}); " +
        "ask for a kept height, 0 for the latest, or ask an archive node";

    public string BlockPruned(ulong height, ulong earliest, ulong head) =>
        $"block {height} was pruned; this node keeps blocks {earliest}..{head} (Storage:KeepBlocks={KeepBlocks}); ask for a kept height or ask an archive node";
}

/// <summary>
/// A read asked for a height below what the node keeps (the window moved past it, possibly while the read ran).
/// The API turns it into NotFound with <see cref="Exception.Message"/>, which says what the node keeps.
/// </summary>
public sealed class HeightPrunedException(ulong height, string message) : InvalidOperationException(message)
{
    public ulong Height { get; } = height;
}
