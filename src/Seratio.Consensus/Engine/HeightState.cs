using Seratio.Consensus.Validators;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Engine;

/// <summary>
/// The state of Algorithm 1 for one height: round, step, locked and valid values, the messages
/// received and the validity of blocks. Rounds are -1 (none) as in the paper. Not thread safe.
/// </summary>
internal sealed class HeightState
{
    public HeightState(ulong height, ValidatorSet validators)
    {
        Height = height;
        Validators = validators;
        Votes = new HeightVotes(validators, height);
    }

    public ulong Height { get; }
    public ValidatorSet Validators { get; }
    public uint Round { get; set; }
    public VoteStep Step { get; set; } = VoteStep.Propose;

    public int LockedRound { get; set; } = -1;
    public Hash32 LockedHash { get; set; }
    public Block? LockedBlock { get; set; }
    public int ValidRound { get; set; } = -1;
    public Hash32 ValidHash { get; set; }
    public Block? ValidBlock { get; set; }

    public ProposalBook Proposals { get; } = new();
    public HeightVotes Votes { get; }

    /// <summary>Execute-before-vote results by block hash: true when the block executes to its header's state root.</summary>
    public Dictionary<Hash32, bool> Validity { get; } = [];
    public HashSet<Hash32> ValidationRequested { get; } = [];

    /// <summary>Rounds in which a rule marked "for the first time" in the paper has fired.</summary>
    public HashSet<uint> PrevoteTimeoutScheduled { get; } = [];
    public HashSet<uint> PrecommitTimeoutScheduled { get; } = [];
    public HashSet<uint> PolkaLockHandled { get; } = [];
    public HashSet<uint> ProposalRequested { get; } = [];
    public HashSet<(PublicKey, uint, VoteStep)> EvidenceReported { get; } = [];

    public Decide? Decision { get; set; }

    public bool? IsValid(Hash32 blockHash) => Validity.TryGetValue(blockHash, out bool v) ? v : null;
}
