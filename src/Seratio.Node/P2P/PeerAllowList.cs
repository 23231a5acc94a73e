using Seratio.Core.Chain;
using Seratio.Core.Crypto;

namespace Seratio.Node.P2P;

/// <summary>What a node key may do on this node's P2P port.</summary>
public enum PeerRole
{
    /// <summary>Not a validator in genesis, not in P2P:AllowedPeers: refused.</summary>
    Unknown,
    /// <summary>Listed in P2P:AllowedPeers.</summary>
    Observer,
    /// <summary>A validator of the genesis document.</summary>
    Validator,
}

/// <summary>
/// The node keys this node talks to: the genesis validators and the configured observers.
/// Immutable and thread safe. (Validator-set changes decided on chain are not followed yet.)
/// </summary>
public sealed class PeerAllowList
{
    private readonly HashSet<PeerId> _validators;
    private readonly HashSet<PeerId> _observers;

    public PeerAllowList(IEnumerable<PeerId> validators, IEnumerable<PeerId> observers)
    {
        _validators = [.. validators];
        _observers = [.. observers];
    }

    /// <summary>The genesis validators plus the keys of <see cref="P2POptions.AllowedPeers"/> (already validated).</summary>
    public static PeerAllowList From(Genesis genesis, P2POptions options)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(options);
        return new PeerAllowList(
            genesis.Validators.Select(v => new PeerId(PublicKey.FromHex(v.PublicKey))),
            options.AllowedPeers.Select(hex => PeerId.TryParse(hex, out var id) ? id : throw new FormatException($"P2P:AllowedPeers: '{hex}' is not a node key")));
    }

    public PeerRole RoleOf(PeerId peer) =>
        _validators.Contains(peer) ? PeerRole.Validator : _observers.Contains(peer) ? PeerRole.Observer : PeerRole.Unknown;
}
