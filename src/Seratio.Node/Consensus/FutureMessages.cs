using Seratio.Protocol;

namespace Seratio.Node.Consensus;

/// <summary>
/// Consensus messages of a later height than the engine's, with the bytes they came in, kept until that height
/// starts. Bounded: a message more than <see cref="HeightsAhead"/> past the head, or beyond <see cref="Capacity"/>,
/// is not kept (the caller tells the network to forget it, so a re-send gets through later). Not thread safe: the
/// driver's loop owns it.
/// </summary>
internal sealed class FutureMessages
{
    public const int Capacity = 10_000;
    public const ulong HeightsAhead = 3;
    private readonly List<(ConsensusMessage Message, ReadOnlyMemory<byte> Payload)> _kept = [];

    public int Count => _kept.Count;

    /// <summary>Keeps a message of <paramref name="height"/>; false when it is too far past <paramref name="head"/> or the buffer is full.</summary>
    public bool TryKeep(ConsensusMessage message, ReadOnlyMemory<byte> payload, ulong height, ulong head)
    {
        if (height > head + HeightsAhead || _kept.Count >= Capacity) return false;
        _kept.Add((message, payload));
        return true;
    }

    /// <summary>Takes the messages of <paramref name="height"/>, in arrival order; drops older ones and keeps later ones.</summary>
    public List<(ConsensusMessage Message, ReadOnlyMemory<byte> Payload)> TakeFor(ulong height)
    {
        var due = new List<(ConsensusMessage, ReadOnlyMemory<byte>)>();
        var later = new List<(ConsensusMessage, ReadOnlyMemory<byte>)>();
        foreach (var (message, payload) in _kept)
        {
            ulong h = message.Proposal?.Height ?? message.Vote?.Height ?? 0;
            if (h == height) due.Add((message, payload));
            else if (h > height) later.Add((message, payload));
        }
        _kept.Clear();
        _kept.AddRange(later);
        return due;
    }
}
