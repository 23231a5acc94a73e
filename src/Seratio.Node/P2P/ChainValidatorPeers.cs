using Seratio.Node.Chain;
using Seratio.Node.Validators;

namespace Seratio.Node.P2P;

/// <summary>
/// Which node keys the chain itself names as validators now: the set of the next height and the pending set after
/// it (so a validator the authority adds is let in from the block that commits the change, two heights before it
/// votes). Lets <see cref="PeerAllowList"/> follow validator-set changes without a configuration edit. Recomputed
/// once per head; thread safe.
/// </summary>
public sealed class ChainValidatorPeers(IChainReader chain)
{
    private readonly ValidatorSets _sets = new(chain ?? throw new ArgumentNullException(nameof(chain)));
    private sealed record Known(ulong Head, HashSet<PeerId> Keys);
    private Known? _current;

    public bool IsValidator(PeerId peer) => Current().Contains(peer);

    private HashSet<PeerId> Current()
    {
        ulong head = chain.Head.Height;
        if (Volatile.Read(ref _current) is { } known && known.Head == head) return known.Keys;
        var keys = new HashSet<PeerId>(_sets.For(head + 1).Validators.Select(v => new PeerId(v.Key)));
        foreach (var pending in _sets.DescribeNext(head + 1).Validators)
            keys.Add(new PeerId(new Core.Crypto.PublicKey(pending.PublicKey.Span)));
        Volatile.Write(ref _current, new Known(head, keys));
        return keys;
    }
}
