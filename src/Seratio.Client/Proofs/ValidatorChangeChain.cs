using Google.Protobuf;
using Seratio.Consensus.Validators;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Validators;

namespace Seratio.Client.Proofs;

/// <summary>
/// Follows validator-set changes from a trusted set to the set of a later height: each step's block must be certified
/// by the current trusted set (<see cref="CommitCheck"/>), and its proven "next" set becomes the trusted set of the
/// following height. Pure; stateless.
/// </summary>
public static class ValidatorChangeChain
{
    /// <summary>The most steps a document may carry or a fetch may follow (a bound against a hostile node or document).</summary>
    public const int MaxSteps = 64;

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

    private static TrustedValidators? Fail(string why, out string reason)
    {
        reason = why;
        return null;
    }
}
