using Google.Protobuf;
using Seratio.Client.Proofs;
using Seratio.Cli.Rpc;
using Seratio.Consensus.Validators;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Validators;

namespace Seratio.Cli.Verification;

/// <summary>
/// Fetches, from a node, the validator-set changes a document carries (checked by <see cref="ValidatorChangeChain.Follow"/>):
/// starting from the set of height 1, it looks for a height c whose set differs from the current one while c - 1's does
/// not (a binary search between the last step and the target; any such boundary will do), records block c - 1 with its
/// commit and the proof of the "next" set in its state, and goes on from c until the set is the target's. Stateless.
/// </summary>
internal static class ValidatorChangeFetch
{
    private const int MaxSteps = ValidatorChangeChain.MaxSteps;

    /// <summary>The steps from the set of height 1 to the set of <paramref name="height"/> (empty when they are the same set).</summary>
    public static async Task<IReadOnlyList<ValidatorChange>> FetchAsync(NodeConnection node, ulong height, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(node);
        var steps = new List<ValidatorChange>();
        if (height < 2) return steps;
        var target = (await HashAtAsync(node, height, ct));
        ulong lo = 1;
        var current = await HashAtAsync(node, lo, ct);
        while (current != target)
        {
            if (steps.Count == MaxSteps) throw Cli.CommandException.Failed($"more than {MaxSteps} validator-set changes lie between height 1 and {height}");
            // Invariant: set(lo) == current, set(hi) != current.
            ulong hi = height;
            while (hi - lo > 1)
            {
                ulong mid = lo + (hi - lo) / 2;
                if (await HashAtAsync(node, mid, ct) == current) lo = mid; else hi = mid;
            }
            var validators = await node.CallAsync((c, o) => c.GetValidatorsAsync(new GetValidatorsRequest { Height = hi, Prove = true }, o), NodeConnection.QuickCall, ct);
            if (validators.Proof is null) throw Cli.CommandException.Failed($"the node gave no proof of the validator set of height {hi}");
            var block = await BlockEvidenceFetch.AtAsync(node, hi - 1, ct)
                ?? throw Cli.CommandException.Failed($"the node has no commit certificate for block {hi - 1}");
            steps.Add(new ValidatorChange { Block = block, NextSetProof = ProofJson.From(validators.Proof) });
            current = new Hash32(validators.ValidatorsHash.Span);
            lo = hi;
        }
        return steps;
    }

    private static async Task<Hash32> HashAtAsync(NodeConnection node, ulong height, CancellationToken ct)
    {
        var r = await node.CallAsync((c, o) => c.GetValidatorsAsync(new GetValidatorsRequest { Height = height }, o), NodeConnection.QuickCall, ct);
        return new Hash32(r.ValidatorsHash.Span);
    }
}
