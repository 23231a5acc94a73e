using System.Text.Json.Serialization;

namespace Seratio.Client.Proofs;

/// <summary>
/// One step of a validator-set change as a proof document carries it: block H (header and commit, certified by the
/// set that validates H) and the state proof, against H's state root, of the validators module's "next" set — the
/// set that validates H + 1. A verifier that trusts the set of H thereby learns the set of H + 1. Immutable.
/// </summary>
public sealed record ValidatorChange
{
    /// <summary>Block H, the last block of the old set.</summary>
    [JsonPropertyName("block")] public required BlockEvidence Block { get; init; }

    /// <summary>The proof of <c>ValidatorKeys.Next()</c> in the state after H; its value is the encoded ValidatorSetState of H + 1.</summary>
    [JsonPropertyName("next_set_proof")] public required ProofJson NextSetProof { get; init; }
}
