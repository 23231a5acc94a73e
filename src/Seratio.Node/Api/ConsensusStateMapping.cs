using Google.Protobuf;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Node.Consensus.State;
using Seratio.Node.P2P;
using Seratio.Protocol;

namespace Seratio.Node.Api;

/// <summary>Turns a <see cref="ConsensusSnapshot"/> into the GetConsensusState answer (docs/api.md). Pure.</summary>
public static class ConsensusStateMapping
{
    public static ConsensusState ToProto(ConsensusSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var state = new ConsensusState
        {
            Height = snapshot.Height,
            Round = snapshot.Round,
            Step = snapshot.Step switch
            {
                VoteStep.Propose => ConsensusStep.Propose,
                VoteStep.Prevote => ConsensusStep.Prevote,
                VoteStep.Precommit => ConsensusStep.Precommit,
                _ => ConsensusStep.Unspecified,
            },
            Proposer = snapshot.Proposer is { } proposer ? proposer.ToAddress().ToString() : "",
            LockedRound = snapshot.LockedRound,
            LockedBlockHash = snapshot.LockedRound >= 0 ? snapshot.LockedHash.ToByteString() : ByteString.Empty,
            ValidRound = snapshot.ValidRound,
            ValidBlockHash = snapshot.ValidRound >= 0 ? snapshot.ValidHash.ToByteString() : ByteString.Empty,
            HeightStartUnixMs = snapshot.HeightStartUnixMs,
            Role = snapshot.Role == ConsensusRole.Validator ? NodeRole.Validator : NodeRole.Observer,
            Syncing = snapshot.Syncing,
            LatestHeight = snapshot.LatestHeight,
            SingleValidator = snapshot.SingleValidator,
            Decided = snapshot.Decided,
        };
        foreach (var v in snapshot.Validators)
            state.Validators.Add(new ValidatorRoundState
            {
                Address = v.Key.ToAddress().ToString(),
                PublicKey = v.Key.ToByteString(),
                Power = v.Power,
                Prevote = Vote(v.Prevote),
                Precommit = Vote(v.Precommit),
                Proposer = snapshot.Proposer is { } p && p == v.Key,
            });
        foreach (var peer in snapshot.Peers)
            state.Peers.Add(new PeerState
            {
                NodeId = peer.Id.ToHex(),
                Remote = peer.Remote,
                Direction = peer.Direction == PeerDirection.Inbound ? PeerDirectionKind.Inbound : PeerDirectionKind.Outbound,
                Validator = peer.IsValidator,
                Height = peer.Height,
            });
        return state;
    }

    private static RoundVote Vote(Hash32? vote) => vote switch
    {
        null => new RoundVote { Kind = RoundVoteKind.Absent },
        { IsZero: true } => new RoundVote { Kind = RoundVoteKind.Nil },
        { } hash => new RoundVote { Kind = RoundVoteKind.Block, BlockHash = hash.ToByteString() },
    };
}
