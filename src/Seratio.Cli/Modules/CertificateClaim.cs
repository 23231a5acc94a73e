using Seratio.Cli.Verification;
using Seratio.Protocol;

namespace Seratio.Cli.Modules;

/// <summary>
/// A certificate claim for the verify flow: a <see cref="CertificateDocument"/> (saved, or built from the node's
/// answer) and the id asked for, checked by <see cref="CertVerifyCommand.Check"/>. Immutable.
/// </summary>
internal sealed class CertificateClaim(CertificateDocument document, ulong id) : IStateClaim
{
    public CertificateDocument Document { get; } = document;

    public string What => $"certificate {id}";

    public ulong Height => Document.Height;

    public BlockEvidence? Block => Document.Block;

    public IReadOnlyList<ValidatorChange>? ValidatorChanges => Document.ValidatorChanges;

    public StateProof? Proof(out string reason)
    {
        reason = "";
        if (Document.Proof is null)
        {
            reason = "the document carries no proof; save it with `cert show ID --prove -o json`";
            return null;
        }
        try { return Document.Proof.ToProto(); }
        catch (FormatException ex) { reason = ex.Message; return null; }
    }

    public bool Check(BlockHeader header, out string reason) => CertVerifyCommand.Check(Document, header, id, out _, out reason);
}
