using Seratio.Consensus.Engine;
using Seratio.Consensus.Validators;
using Seratio.Node.P2P;

namespace Seratio.Node.Consensus.State;

/// <summary>Builds the consensus driver's <see cref="ConsensusSnapshot"/> on its loop. Pure apart from reading its arguments.</summary>
internal static class DriverSnapshots
{
    public static ConsensusSnapshot Build(ConsensusView? view, ulong head, ValidatorSet validators, HeightTimer timer,
        IReadOnlyList<PeerInfo> peers, Func<PeerId, ulong> peerHeight, ulong bestPeerHeight)
    {
        var peerViews = peers.Select(p => new PeerView(p.Id, p.Remote, p.Direction, p.IsValidator, peerHeight(p.Id))).ToArray();
        bool syncing = bestPeerHeight > head + 1;
        if (view is null)
            return new ConsensusSnapshot(ConsensusRole.Observer, validators.Count == 1, syncing, head, head + 1, 0, null, null, -1, default, -1, default, 0,
                [.. validators.Validators.Select(v => new ValidatorRoundVotes(v.Key, v.Power, null, null))], peerViews);
        return new ConsensusSnapshot(ConsensusRole.Validator, validators.Count == 1, syncing, head, view.Height, view.Round, view.Step, view.Proposer,
            view.LockedRound, view.LockedHash, view.ValidRound, view.ValidHash, timer.Height == view.Height ? timer.StartedUnixMs : 0,
            view.Validators, peerViews, view.Decided);
    }
}
