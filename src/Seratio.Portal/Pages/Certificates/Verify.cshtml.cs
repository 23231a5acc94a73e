using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Client.Proofs;
using Seratio.Portal.Certificates;
using Seratio.Portal.Hosting;
using Seratio.Portal.Node;

namespace Seratio.Portal.Pages.Certificates;

/// <summary>
/// Checks a pasted certificate document (<c>seratio cert show ID --prove -o json</c>): VALID or INVALID with the
/// reason. Over <see cref="PortalHost.MaxRequestBodyBytes"/> is 413, a paste that is not a document 400. The check
/// changes nothing and keeps nothing, so it takes no antiforgery token (a forged post could only check a proof).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class VerifyModel(PortalNode node) : PageModel
{
    public string Document { get; private set; } = "";
    public string? Error { get; private set; }
    public CertificateVerdict? Verdict { get; private set; }
    public CertificateDocument? Checked { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Request.ContentLength > PortalHost.MaxRequestBodyBytes) return TooLarge();
        IFormCollection form;
        try { form = await Request.ReadFormAsync(ct); }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge) { return TooLarge(); }
        catch (InvalidDataException e) { return Refuse($"the form could not be read: {e.Message}"); }
        Document = form["document"].ToString();
        if (!PastedDocument.TryParse(Document, out var doc, out var error)) return Refuse(error);
        Checked = doc;
        Verdict = await CertificateProofs.VerifyAsync(node, doc!, ct);
        return Page();
    }

    private IActionResult TooLarge()
    {
        Document = "";
        Error = $"The document is larger than the portal accepts ({PortalHost.MaxRequestBodyBytes / 1024} KiB). A certificate document is a few KiB.";
        Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return Page();
    }

    private IActionResult Refuse(string error)
    {
        Error = char.ToUpperInvariant(error[0]) + error[1..] + ".";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
