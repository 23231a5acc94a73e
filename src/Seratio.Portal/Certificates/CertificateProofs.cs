using Google.Protobuf;
using Seratio.Client.Proofs;
using Seratio.Consensus.Validators;
using Seratio.Core.Crypto;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Certificates;

/// <summary>
/// The certificate pages' proof checks, with the node supplying what a document lacks: the certificate's document as
/// <c>seratio cert show ID --prove -o json</c> writes it, and the verdict of a document checked against the committed
/// header of its height, whose commit must carry more than 2/3 of the power of the validator set the node reports for
/// that height (the portal's trusted set; the CLI's <c>--trust genesis.json</c> trusts nothing of the node's). The
/// check itself is <see cref="CertificateVerification"/>, the CLI's. Stateless; thread safe.
/// </summary>
public static class CertificateProofs
{
    /// <summary>Certificate <paramref name="id"/>'s document at the latest height, with its proof and its block's header and commit.</summary>
    public static async Task<CertificateDocument> DocumentAsync(PortalNode node, ulong id, CancellationToken ct)
    {
        var r = await node.Api.GetCertificateAsync(new GetCertificateRequest { Id = id, Prove = true }, node.Call(ct));
        var block = r.Height > 0 ? BlockEvidence.From(await node.Api.GetBlockAsync(new GetBlockRequest { Height = r.Height }, node.Call(ct))) : null;
        return CertificateDocument.From(r, block);
    }

    /// <summary>
    /// Checks <paramref name="doc"/>: its own block evidence, else the node's block of its height, against the node's
    /// validator set of that height.
    /// </summary>
    public static async Task<CertificateVerdict> VerifyAsync(PortalNode node, CertificateDocument doc, CancellationToken ct)
    {
        if (doc.Height == 0) return Invalid(doc, "height 0 has no block header to check against");
        var evidence = doc.Block;
        if (evidence is null)
        {
            var block = await node.Api.GetBlockAsync(new GetBlockRequest { Height = doc.Height }, node.Call(ct));
            evidence = BlockEvidence.From(block);
            if (evidence is null) return Invalid(doc, $"the node has no commit certificate for block {doc.Height} yet; try again after the next block");
        }
        var validators = await node.Api.GetValidatorsAsync(new GetValidatorsRequest { Height = doc.Height }, node.Call(ct));
        var set = SetOf(validators);
        var status = await node.Api.GetStatusAsync(new GetStatusRequest(), node.Call(ct));
        return CertificateVerification.Check(doc, evidence, set, status.ChainId, $"the node's validator set of height {doc.Height}");
    }

    /// <summary>The validator set of a node's answer.</summary>
    public static ValidatorSet SetOf(ValidatorsResponse validators) =>
        new(validators.Validators.Select(v => new Validator(new PublicKey(v.PublicKey.Span), v.Power)));

    private static CertificateVerdict Invalid(CertificateDocument doc, string reason) => new() { Valid = false, Reason = reason, Height = doc.Height };

    /// <summary>Hex of bytes, for pages.</summary>
    public static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
