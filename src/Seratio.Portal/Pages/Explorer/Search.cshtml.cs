using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Portal.Explorer;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.Explorer;

/// <summary>
/// /search?q=: goes to the page of what the text names when the chain holds it (a height, a block or transaction hash, an
/// address, cert:N, entity:N, lot:N, record:N, class:N); otherwise a "nothing found" page (404), or 400 for text that
/// is empty, too long or a prefix with a bad id. At most two calls to the node.
/// </summary>
public sealed class SearchModel(PortalNode node) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? q, CancellationToken ct)
    {
        var query = SearchQuery.Parse(q);
        var target = query switch
        {
            SearchQuery.Unreadable u => null,
            SearchQuery.Account a => $"/accounts/{a.Address}",
            SearchQuery.Height h => await Exists(() => node.Api.GetBlockAsync(new GetBlockRequest { Height = h.Value }, node.Call(ct)).ResponseAsync, $"/blocks/{h.Value}"),
            SearchQuery.Hash h => await Exists(() => node.Api.GetBlockAsync(new GetBlockRequest { Hash = ByteString.CopyFrom(h.Bytes) }, node.Call(ct)).ResponseAsync, $"/blocks/{h.Hex}")
                                  ?? await Exists(() => node.Api.GetTxAsync(new GetTxRequest { Hash = ByteString.CopyFrom(h.Bytes) }, node.Call(ct)).ResponseAsync, $"/txs/{h.Hex}"),
            SearchQuery.Object o => await Exists(() => Lookup(o, ct), $"/{o.Kind}/{o.Id}"),
            _ => null,
        };
        if (target is not null) return Redirect(target);
        if (query is SearchQuery.Unreadable { Malformed: true } bad) return Refusal.BadInput(this, bad.Why);
        var why = query is SearchQuery.Unreadable u2 ? u2.Why : "the chain holds nothing by that name";
        return Refusal.NothingFound(this, $"Nothing found for '{Core.Text.SafeText.Clip(q ?? "", ChainIds.MaxInputChars)}': {why}.");
    }

    private Task Lookup(SearchQuery.Object o, CancellationToken ct) => o.Kind switch
    {
        "certificates" => node.Api.GetCertificateAsync(new GetCertificateRequest { Id = o.Id }, node.Call(ct)).ResponseAsync,
        "entities" => node.Api.GetEntityAsync(new GetEntityRequest { Id = o.Id }, node.Call(ct)).ResponseAsync,
        "lots" => node.Api.GetLotAsync(new GetLotRequest { Id = o.Id }, node.Call(ct)).ResponseAsync,
        "records" => node.Api.GetProvenanceRecordAsync(new GetProvenanceRecordRequest { Id = o.Id }, node.Call(ct)).ResponseAsync,
        _ => node.Api.GetMicroshareClassAsync(new GetMicroshareClassRequest { Id = o.Id }, node.Call(ct)).ResponseAsync,
    };

    /// <summary><paramref name="page"/> when the call finds its object; null when the node says it does not exist.</summary>
    private static async Task<string?> Exists(Func<Task> call, string page)
    {
        try
        {
            await call();
            return page;
        }
        catch (RpcException e) when (e.StatusCode is Grpc.Core.StatusCode.NotFound or Grpc.Core.StatusCode.OutOfRange)
        {
            return null;
        }
    }
}
