using Grpc.Core;
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
        Newest = await IdProbe.HighestAsync(ExistsAsync, ct);
        ulong top = before is { } b && b > 0 ? Math.Min(b - 1, Newest) : Newest;
        Before = top + 1;
        var rows = new List<CertificateResponse>();
        for (ulong id = top; id >= 1 && rows.Count < PageSize; id--)
            rows.Add(await node.Api.GetCertificateAsync(new GetCertificateRequest { Id = id }, node.Call(ct)));
        Rows = rows;
        Next = rows.Count > 0 && rows[^1].Certificate.Id > 1 ? rows[^1].Certificate.Id : 0;
    }

    private async Task<bool> ExistsAsync(ulong id, CancellationToken ct)
    {
        try
        {
            await node.Api.GetCertificateAsync(new GetCertificateRequest { Id = id }, node.Call(ct));
            return true;
        }
        catch (RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound) { return false; }
    }
}
