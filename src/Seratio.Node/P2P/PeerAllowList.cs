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
    /// <summary>A validator of the genesis document, or of the chain's current or pending validator set.</summary>
    Validator,
}

/// <summary>
/// The node keys this node talks to: the genesis validators, the configured observers and, when given, the validators
/// the chain names now (validator-set changes decided on chain). Thread safe.
/// </summary>
public sealed class PeerAllowList
{
    private readonly HashSet<PeerId> _validators;
    private readonly HashSet<PeerId> _observers;
    private readonly Func<PeerId, bool>? _chainValidator;

    public PeerAllowList(IEnumerable<PeerId> validators, IEnumerable<PeerId> observers, Func<PeerId, bool>? chainValidator = null)
    {
        _validators = [.. validators];
        _observers = [.. observers];
        _chainValidator = chainValidator;
    }

    /// <summary>The genesis validators plus the keys of <see cref="P2POptions.AllowedPeers"/> (already validated).</summary>
    public static PeerAllowList From(Genesis genesis, P2POptions options, Func<PeerId, bool>? chainValidator = null)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(options);
        return new PeerAllowList(
            genesis.Validators.Select(v => new PeerId(PublicKey.FromHex(v.PublicKey))),
            options.AllowedPeers.Select(hex => PeerId.TryParse(hex, out var id) ? id : throw new FormatException($"P2P:AllowedPeers: '{hex}' is not a node key")),
            chainValidator);
    }

    public PeerRole RoleOf(PeerId peer) =>
        _validators.Contains(peer) || _chainValidator?.Invoke(peer) == true ? PeerRole.Validator
        : _observers.Contains(peer) ? PeerRole.Observer
        : PeerRole.Unknown;
}
