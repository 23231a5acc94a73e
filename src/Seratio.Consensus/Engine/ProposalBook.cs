using Seratio.Consensus.Messages;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Engine;

/// <summary>
/// The proposals of one height, by round, in arrival order. The first proposal of a round is the
/// one the engine prevotes on; further ones (an equivocating proposer) are kept only when some
/// validator voted for their block, so that a node can still decide a block the others committed.
/// Also the height's known blocks by hash. Not thread safe.
/// </summary>
internal sealed class ProposalBook
{
    private readonly SortedDictionary<uint, List<CheckedProposal>> _byRound = [];
    private readonly Dictionary<Hash32, Block> _blocks = [];

    /// <summary>The first proposal received for <paramref name="round"/>.</summary>
    public bool TryGetFirst(uint round, out CheckedProposal proposal)
    {
        if (_byRound.TryGetValue(round, out var list) && list.Count > 0) { proposal = list[0]; return true; }
        proposal = default;
        return false;
    }

    public bool TryGet(uint round, Hash32 blockHash, out CheckedProposal proposal)
    {
        if (_byRound.TryGetValue(round, out var list))
        {
            foreach (var p in list)
                if (p.BlockHash == blockHash) { proposal = p; return true; }
        }
        proposal = default;
        return false;
    }

    public bool HasRound(uint round) => _byRound.TryGetValue(round, out var list) && list.Count > 0;

    /// <summary>True when this exact signed proposal is already held.</summary>
    public bool Contains(Proposal proposal)
    {
        if (!_byRound.TryGetValue(proposal.Round, out var list)) return false;
        foreach (var p in list)
            if (p.Message.Signature.Equals(proposal.Signature) && p.Message.PolRound == proposal.PolRound) return true;
        return false;
    }

    public void Add(in CheckedProposal proposal)
    {
        if (!_byRound.TryGetValue(proposal.Round, out var list)) _byRound.Add(proposal.Round, list = []);
        list.Add(proposal);
        _blocks.TryAdd(proposal.BlockHash, proposal.Block);
    }

    public bool TryGetBlock(Hash32 blockHash, out Block block) => _blocks.TryGetValue(blockHash, out block!);

    /// <summary>Every proposal held, by ascending round then arrival.</summary>
    public IEnumerable<CheckedProposal> All() => _byRound.Values.SelectMany(l => l);
}
