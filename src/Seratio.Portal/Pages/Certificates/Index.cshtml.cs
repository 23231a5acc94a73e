using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Certificates;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.Certificates;

/// <summary>Every certificate, newest first, <see cref="PageSize"/> a page: one ListCertificates call with no filter.</summary>
public sealed class IndexModel(PortalNode node) : PageModel
{
    public const int PageSize = 20;

    public IReadOnlyList<ListedCertificate> Rows { get; private set; } = [];
    public ulong Newest { get; private set; }
    public bool First { get; private set; }
    public ulong Next { get; private set; }

    public async Task OnGetAsync(ulong? before, CancellationToken ct)
    {
        var page = await node.Api.ListCertificatesAsync(new ListCertificatesRequest { PageSize = PageSize, PageToken = NewestFirst.TokenBelow(before) }, node.Call(ct));
        Rows = page.Certificates;
        Newest = page.LastId;
        First = NewestFirst.IsNewest(before, page.LastId);
        Next = NewestFirst.Older(Rows.Select(r => r.Certificate.Id), page.NextPageToken);
    }
}
