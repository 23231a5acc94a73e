using Seratio.Consensus.Validators;
using Seratio.Core.Crypto;
using Seratio.Node.Chain;
using Seratio.Protocol;

namespace Seratio.Node.Metrics;

/// <summary>Which validators a commit certificate lacks, and the figures of a committed block. Pure.</summary>
public static class MissedVotes
{
    /// <summary>
    /// The validators of <paramref name="validators"/> (in key order) without a signature in <paramref name="commit"/>.
    /// A signature of a key that is not a validator, or of a malformed key, counts for no one.
    /// </summary>
    public static IReadOnlyList<Validator> Of(Commit commit, ValidatorSet validators)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(validators);
        var signed = new bool[validators.Count];
        foreach (var sig in commit.Signatures)
        {
            if (sig.Validator.Length != PublicKey.Size) continue;
            int index = validators.IndexOf(new PublicKey(sig.Validator.Span));
            if (index >= 0) signed[index] = true;
        }
        var missed = new List<Validator>();
        for (int i = 0; i < signed.Length; i++)
            if (!signed[i]) missed.Add(validators.Validators[i]);
        return missed;
    }

    /// <summary>The figures of <paramref name="block"/>: height, transactions, encoded bytes, validators missing from its commit.</summary>
    public static BlockFigures Figures(CommittedBlock block, ValidatorSet validators)
    {
        ArgumentNullException.ThrowIfNull(block);
        var missed = Of(block.Commit, validators);
        return new BlockFigures(block.Block.Header.Height, block.Txs.Count, block.Block.CalculateSize(),
            [.. missed.Select(v => v.Key.ToAddress().ToString())]);
    }
}
