using Seratio.Consensus.Engine;
using Seratio.Consensus.Validators;
using Seratio.Core.Crypto;
using Seratio.Node.P2P;

namespace Seratio.Node.Consensus.State;

/// <summary>Builds the consensus driver's <see cref="ConsensusSnapshot"/> on its loop. Pure apart from reading its arguments.</summary>
internal static class DriverSnapshots
{
    /// <summary>
    /// The snapshot of the height consensus works on. The role is <see cref="ConsensusRole.Validator"/> only when
    /// <paramref name="self"/> (this node's validator key, null without one) is in that height's
    /// <paramref name="validators"/>: a node holding a key the set does not name (not yet added, or removed) runs the
    /// engine and shows its round, but it does not vote, so it is an observer.
    /// </summary>
    public static ConsensusSnapshot Build(ConsensusView? view, ulong head, ValidatorSet validators, HeightTimer timer,
        IReadOnlyList<PeerInfo> peers, Func<PeerId, ulong> peerHeight, ulong bestPeerHeight, PublicKey? self = null)
    {
        var peerViews = peers.Select(p => new PeerView(p.Id, p.Remote, p.Direction, p.IsValidator, peerHeight(p.Id))).ToArray();
        bool syncing = bestPeerHeight > head + 1;
        if (view is null)
            return new ConsensusSnapshot(ConsensusRole.Observer, validators.Count == 1, syncing, head, head + 1, 0, null, null, -1, default, -1, default, 0,
                [.. validators.Validators.Select(v => new ValidatorRoundVotes(v.Key, v.Power, null, null))], peerViews);
        var role = self is { } key && validators.Contains(key) ? ConsensusRole.Validator : ConsensusRole.Observer;
        return new ConsensusSnapshot(role, validators.Count == 1, syncing, head, view.Height, view.Round, view.Step, view.Proposer,
            view.LockedRound, view.LockedHash, view.ValidRound, view.ValidHash, timer.Height == view.Height ? timer.StartedUnixMs : 0,
            view.Validators, peerViews, view.Decided);
    }
}
