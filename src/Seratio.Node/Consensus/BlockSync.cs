using Seratio.Consensus.Votes;
using Seratio.Node.Chain;
using Seratio.Node.P2P;
using Seratio.Node.Validators;
using Seratio.Protocol;

namespace Seratio.Node.Consensus;

/// <summary>
/// Block sync over the Sync channel: every node announces its head; a node behind a peer asks it for
/// the blocks after its head and commits each one whose commit certificate <see cref="CommitVerifier"/>
/// accepts under the validator set of its height and whose re-execution reproduces its roots. Serves others' requests from the chain. Not
/// thread safe: the driver's loop owns it.
/// </summary>
public sealed class BlockSync
{
    private readonly ChainDatabase _chain;
    private readonly IPeerNetwork _network;
    private readonly ValidatorSets _validators;
    private readonly ConsensusOptions _options;
    private readonly TimeProvider _time;
    private readonly SortedDictionary<PeerId, ulong> _peerHeights = [];
    private PeerId? _pendingPeer;
    private long _pendingSince;
    private ulong _pendingLast;
    private readonly Dictionary<PeerId, long> _distrusted = [];

    /// <summary>How long a peer that sent a bad block is not asked again.</summary>
    public static readonly TimeSpan DistrustFor = TimeSpan.FromSeconds(30);

    public BlockSync(ChainDatabase chain, IPeerNetwork network, ValidatorSets validators, ConsensusOptions options, TimeProvider time)
    {
        _chain = chain ?? throw new ArgumentNullException(nameof(chain));
        _network = network ?? throw new ArgumentNullException(nameof(network));
        _validators = validators ?? throw new ArgumentNullException(nameof(validators));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The highest head a connected peer announced (0 when none).</summary>
    public ulong BestPeerHeight => _peerHeights.Count == 0 ? 0 : _peerHeights.Values.Max();

    /// <summary>The head <paramref name="peer"/> last announced (0 when none).</summary>
    public ulong HeightOf(PeerId peer) => _peerHeights.GetValueOrDefault(peer);

    /// <summary>Tells every peer our head.</summary>
    public void Announce() => _network.Broadcast(PeerChannel.Sync, SyncMessages.Status(_chain.Head.Height));

    public void Forget(PeerId peer)
    {
        _peerHeights.Remove(peer);
        if (_pendingPeer == peer) _pendingPeer = null;
    }

    /// <summary>Notes a peer's head; answers its request.</summary>
    public void OnStatus(PeerId from, ulong height) => _peerHeights[from] = height;

    public void OnRequest(PeerId from, ulong first, uint count)
    {
        ulong head = _chain.Head.Height;
        if (first == 0 || first > head) return;
        ulong earliest = _chain.EarliestBlockHeight;
        if (first < earliest)
        {
            // A clear refusal rather than silence: the asker turns to another peer at once (docs/operations.md, "Retention").
            _network.Send(from, PeerChannel.Sync, SyncMessages.Pruned(earliest));
            return;
        }
        ulong last = Math.Min(head, first + Math.Min(count, (uint)_options.SyncBatch) - 1);
        long bytes = 0;
        for (ulong h = first; h <= last && bytes < 16L * 1024 * 1024; h++)
        {
            if (_chain.GetBlock(h) is not { Commit: { } commit } record) break;
            var payload = SyncMessages.BlockWithCommit(record.Block, commit);
            bytes += payload.Length;
            if (!_network.Send(from, PeerChannel.Sync, payload)) break;
        }
    }

    /// <summary>Asks the most advanced peer for the next blocks when behind and no request is outstanding.</summary>
    public (PeerId Peer, ulong Height, ulong From)? RequestIfBehind()
    {
        ulong head = _chain.Head.Height;
        if (_pendingPeer is not null && _time.GetElapsedTime(_pendingSince).TotalMilliseconds < _options.SyncRequestTimeoutMs) return null;
        _pendingPeer = null;
        PeerId? best = null;
        ulong bestHeight = head;
        foreach (var (peer, height) in _peerHeights) // sorted by id: the same choice for the same announcements
            if (height > bestHeight && !IsDistrusted(peer)) { best = peer; bestHeight = height; }
        if (best is not { } target) return null;
        if (!_network.Send(target, PeerChannel.Sync, SyncMessages.Request(head + 1, (uint)_options.SyncBatch))) return null;
        _pendingPeer = target;
        _pendingSince = _time.GetTimestamp();
        _pendingLast = head + (ulong)_options.SyncBatch;
        return (target, bestHeight, head + 1);
    }

    /// <summary>A block arrived: null when it is not the next one; else the check of its commit (empty reason when valid).</summary>
    public string? CheckCommit(PeerId from, Block block, Commit commit)
    {
        var header = block.Header;
        if (header.Height != _chain.Head.Height + 1) return null;
        var hash = BlockHashing.HeaderHash(header);
        if (commit.Height != header.Height || !commit.BlockHash.Span.SequenceEqual(hash.ToArray()))
            return $"its commit is for height {commit.Height}, not for this block";
        if (CommitVerifier.Check(commit, _validators.For(header.Height), _chain.ChainId, out var reason) != CommitVerifyResult.Valid) return reason;
        if (header.Height >= _peerHeights.GetValueOrDefault(from)) _peerHeights[from] = header.Height;
        return "";
    }

    /// <summary>The outstanding request is done once the head reached what was asked for.</summary>
    public void OnCommitted()
    {
        ulong head = _chain.Head.Height;
        if (_pendingPeer is { } peer && (head >= _pendingLast || head >= _peerHeights.GetValueOrDefault(peer))) _pendingPeer = null;
    }

    /// <summary>
    /// <paramref name="peer"/> sent a block that failed its checks: the request is dropped and the peer is not asked
    /// for <see cref="DistrustFor"/>, so a faulty peer cannot keep a node behind while honest peers are ahead.
    /// </summary>
    /// <summary>
    /// <paramref name="from"/> pruned the blocks below <paramref name="earliest"/>: when this node needs one of them the peer is
    /// not asked again for <see cref="DistrustFor"/>, so the next request goes to another peer; true when that happened.
    /// </summary>
    public bool OnPruned(PeerId from, ulong earliest)
    {
        if (_chain.Head.Height + 1 >= earliest) return false; // stale: we have passed its window meanwhile
        Distrust(from);
        return true;
    }

    public void Distrust(PeerId peer)
    {
        _distrusted[peer] = _time.GetTimestamp();
        if (_pendingPeer == peer) _pendingPeer = null;
    }

    private bool IsDistrusted(PeerId peer)
    {
        if (!_distrusted.TryGetValue(peer, out long since)) return false;
        if (_time.GetElapsedTime(since) < DistrustFor) return true;
        _distrusted.Remove(peer);
        return false;
    }
}
