using Seratio.Cli.Verification;
using Seratio.Protocol;

namespace Seratio.Cli.Proofs;

/// <summary>
/// An account claim for the verify flow: an <see cref="AccountProofDocument"/> whose stated root must be the believed
/// header's, then checked by <see cref="AccountProofChecker"/>. Immutable.
/// </summary>
internal sealed class AccountClaim(AccountProofDocument document) : IStateClaim
{
    public AccountProofDocument Document { get; } = document;

    public string What => $"account {Document.Address}";

    public ulong Height => Document.Height;

    public BlockEvidence? Block => Document.Block;

    public IReadOnlyList<ValidatorChange>? ValidatorChanges => Document.ValidatorChanges;

    public StateProof? Proof(out string reason)
    {
        reason = "";
        try { return Document.Proof.ToProto(); }
        catch (FormatException ex) { reason = ex.Message; return null; }
    }

    public bool Check(BlockHeader header, out string reason)
    {
        ArgumentNullException.ThrowIfNull(header);
        var root = Convert.ToHexStringLower(header.StateRoot.Span);
        if (!string.Equals(Document.StateRoot, root, StringComparison.OrdinalIgnoreCase))
        {
            reason = $"the claimed state root {Document.StateRoot} is not block {header.Height}'s state root {root}";
            return false;
        }
        return AccountProofChecker.Check(Document, out reason);
    }
}
