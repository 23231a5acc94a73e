using Seratio.Protocol;

namespace Seratio.Cli.Verification;

/// <summary>
/// The outcome of checking an <see cref="IStateClaim"/>: valid or not with the first reason, and what the state root
/// was taken from (<see cref="Basis"/>: "node", "trusted-commit", or an anchor target's name) with the header that
/// was believed. Immutable.
/// </summary>
internal sealed record Verdict
{
    public required bool Valid { get; init; }
    public required string Reason { get; init; }
    public required string Basis { get; init; }
    public required ulong Height { get; init; }
    /// <summary>The claim that was checked (the document's, or the one fetched from the node).</summary>
    public required IStateClaim Claim { get; init; }
    /// <summary>The state root checked against (hex): the anchored root, the certified header's, or the node's header's.</summary>
    public required string StateRoot { get; init; }
    /// <summary>The header believed (its time gives a certificate's status); null when none could be.</summary>
    public BlockHeader? Header { get; init; }
    /// <summary>For an on-chain check: the contract and the EVM chain it lives on.</summary>
    public AnchorReader? Anchor { get; init; }
    /// <summary>For a check against trusted validators: where the trusted set came from.</summary>
    public string? TrustSource { get; init; }

    /// <summary>The one line a text output ends with.</summary>
    public string Line() => Anchor is { } anchor
        ? (Valid ? $"proof: valid on {anchor.Describe()} at anchored height {Height}, state root {StateRoot}"
                 : $"proof: INVALID on {anchor.Describe()} at anchored height {Height}, state root {StateRoot}: {Reason}")
        : TrustSource is { } trust
            ? (Valid ? $"proof: valid against block {Height} state root {StateRoot}, certified by more than 2/3 of the power of the trusted set ({trust})"
                     : $"proof: INVALID against block {Height} (trusted set from {trust}): {Reason}")
            : (Valid ? $"proof: valid against block {Height} state root {StateRoot}" : $"proof: INVALID against block {Height} state root {StateRoot}: {Reason}");

    /// <summary>The fields every verify command prints in JSON.</summary>
    public object Json() => new
    {
        valid = Valid,
        reason = Reason,
        basis = Basis,
        height = Height,
        state_root = StateRoot,
        chain = Anchor?.Chain,
        evm_chain_id = Anchor?.EvmChainId,
        contract = Anchor?.Contract,
        anchored_height = Anchor is null ? (ulong?)null : Height,
        trusted_set = TrustSource,
    };
}
