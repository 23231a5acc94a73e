using Google.Protobuf;
using Seratio.Cli.Proofs;
using Seratio.Cli.Rpc;
using Seratio.Consensus.Validators;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Validators;

namespace Seratio.Cli.Verification;

/// <summary>
/// Follows validator-set changes from a trusted set to the set of a later height. Fetching (from a node, for a
/// document): starting from the set of height 1, it looks for a height c whose set differs from the current one while
/// c - 1's does not (a binary search between the last step and the target; any such boundary will do), records block
/// c - 1 with its commit and the proof of the "next" set in its state, and goes on from c until the set is the
/// target's. Checking (<see cref="Follow"/>): each step's block must be certified by the current trusted set
/// (<see cref="CommitCheck"/>), and its proven "next" set becomes the trusted set of the following height. Stateless.
/// </summary>
internal static class ValidatorChangeChain
{
    /// <summary>The most steps a document may carry or a fetch may follow (a bound against a hostile node or document).</summary>
    public const int MaxSteps = 64;

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

    /// <summary>
    /// The trusted set of <paramref name="height"/>: <paramref name="trusted"/> followed through <paramref name="steps"/>
    /// (ascending heights below <paramref name="height"/>); null with a reason when a step does not hold.
    /// </summary>
    public static TrustedValidators? Follow(TrustedValidators trusted, IReadOnlyList<ValidatorChange> steps, ulong height, out string reason)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count > MaxSteps) return Fail($"the document carries {steps.Count} validator-set changes; at most {MaxSteps} are followed", out reason);
        var current = trusted;
        ulong last = 0;
        for (int i = 0; i < steps.Count; i++)
        {
            BlockHeader header;
            try { header = steps[i].Block.DecodeHeader(); }
            catch (FormatException ex) { return Fail($"validator change {i}: {ex.Message}", out reason); }
            if (header.Height <= last || header.Height >= height)
                return Fail($"validator change {i} is of block {header.Height}; changes must ascend and lie below height {height}", out reason);
            last = header.Height;
            if (!CommitCheck.Check(steps[i].Block, header.Height, current, out var certified, out var why))
                return Fail($"validator change {i} (block {header.Height}): {why}", out reason);
            StateProof proof;
            try { proof = steps[i].NextSetProof.ToProto(); }
            catch (FormatException ex) { return Fail($"validator change {i}: {ex.Message}", out reason); }
            if (proof.Key != ValidatorKeys.Next().ToByteString() || !proof.Exists)
                return Fail($"validator change {i}: the proof is not a membership proof of the validators module's next set", out reason);
            if (!StateProofVerifier.Verify(new Hash32(certified!.StateRoot.Span), proof, out why))
                return Fail($"validator change {i}: the next-set proof does not lead to block {header.Height}'s state root: {why}", out reason);
            ValidatorSet next;
            try { next = ValidatorSet.FromState(ValidatorSetState.Parser.ParseFrom(proof.Value)); }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or ArgumentException)
            {
                return Fail($"validator change {i}: the proven next set is not a valid validator set: {ex.Message}", out reason);
            }
            current = TrustedValidators.Of(next, current.ChainId ?? header.ChainId, $"{trusted.Source}, followed to height {header.Height + 1}");
        }
        reason = "";
        return current;
    }

    private static async Task<Hash32> HashAtAsync(NodeConnection node, ulong height, CancellationToken ct)
    {
        var r = await node.CallAsync((c, o) => c.GetValidatorsAsync(new GetValidatorsRequest { Height = height }, o), NodeConnection.QuickCall, ct);
        return new Hash32(r.ValidatorsHash.Span);
    }

    private static TrustedValidators? Fail(string why, out string reason)
    {
        reason = why;
        return null;
    }
}
