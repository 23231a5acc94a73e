using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Client.Proofs;
using Seratio.Portal.Certificates;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.Certificates;

/// <summary>
/// One certificate as a person reads it, its status history, and its verification: the state proof checked against
/// the committed header of the latest height, whose commit signatures are shown one by one.
/// </summary>
public sealed class DetailModel(PortalNode node) : PageModel
{
    public CertificateResponse Answer { get; private set; } = new();
    public CertificateState Certificate => Answer.Certificate;
    public EntityState? Subject { get; private set; }
    public CertificateVerdict Verdict { get; private set; } = null!;
    public IReadOnlyList<ValidatorInfo> Validators { get; private set; } = [];
    public string PageUrl { get; private set; } = "";
    public string Qr { get; private set; } = "";

    public async Task OnGetAsync(ulong id, CancellationToken ct)
    {
        Answer = await node.Api.GetCertificateAsync(new GetCertificateRequest { Id = id, Prove = true }, node.Call(ct));
        var doc = CertificateDocument.From(Answer, Answer.Height > 0
            ? BlockEvidence.From(await node.Api.GetBlockAsync(new GetBlockRequest { Height = Answer.Height }, node.Call(ct)))
            : null);
        Verdict = await CertificateProofs.VerifyAsync(node, doc, ct);
        Validators = Answer.Height > 0
            ? (await node.Api.GetValidatorsAsync(new GetValidatorsRequest { Height = Answer.Height }, node.Call(ct))).Validators
            : [];
        try { Subject = (await node.Api.GetEntityAsync(new GetEntityRequest { Id = Certificate.Subject }, node.Call(ct))).Entity; }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound) { Subject = null; }
        PageUrl = $"{Request.Scheme}://{Request.Host}/certificates/{id}";
        Qr = PageUrl.Length <= QrSvg.MaxText ? QrSvg.Render(PageUrl, $"QR code of this page's address, {PageUrl}") : "";
    }

    /// <summary>The validator's name and address for a signer's key, when the set lists it.</summary>
    public (string Name, string Address) Who(string publicKeyHex)
    {
        foreach (var v in Validators)
            if (Convert.ToHexStringLower(v.PublicKey.Span) == publicKeyHex) return (v.Name, v.Address);
        return ("", "");
    }
}
