using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Certificates;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.Certificates;

/// <summary>
/// Every certificate, newest first, <see cref="PageSize"/> a page. The node lists certificates only by subject or
/// issuer, so the page finds the newest id (<see cref="IdProbe"/>) and reads the ids below it one by one.
/// </summary>
public sealed class IndexModel(PortalNode node) : PageModel
{
    public const int PageSize = 20;

    public IReadOnlyList<CertificateResponse> Rows { get; private set; } = [];
    public ulong Newest { get; private set; }
    public ulong Before { get; private set; }
    public ulong Next { get; private set; }

    public async Task OnGetAsync(ulong? before, CancellationToken ct)
    {
        var page = await IdProbe.NewestFirstAsync((id, token) => node.Api.GetCertificateAsync(new GetCertificateRequest { Id = id }, node.Call(token)).ResponseAsync,
            before, PageSize, ct);
        (Rows, Newest, Before, Next) = (page.Rows, page.Newest, page.Top + 1, page.Next);
    }
}
